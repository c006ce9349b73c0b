package org.pumppki.ca.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.OtherName;

/**
 * The pump's identity in the IEEE 802.1AR LDevID shape: a subjectAltName otherName
 * hardwareModuleName (RFC 4108 §5),
 * {@code HardwareModuleName ::= SEQUENCE { hwType OBJECT IDENTIFIER, hwSerialNum OCTET STRING }},
 * with the configured hardware type and the device serial as UTF-8 octets.
 */
record HardwareModuleNameSan(ASN1ObjectIdentifier hardwareType) implements ProfileRule {

    @Override
    public void apply(IssuanceRequest request, CertificateTemplate template) {
        template.addSubjectAltName(encode(hardwareType, request.identity().requireDeviceSerial()));
    }

    static GeneralName encode(ASN1ObjectIdentifier hardwareType, String serial) {
        DERSequence value = new DERSequence(new ASN1Encodable[] {
            hardwareType, new DEROctetString(serial.getBytes(StandardCharsets.UTF_8))});
        return new GeneralName(GeneralName.otherName, new OtherName(DeviceObjectIdentifiers.HARDWARE_MODULE_NAME, value));
    }

    /**
     * The hwSerialNum of a hardwareModuleName otherName; empty for other names.
     *
     * @throws MalformedInputException if the name claims to be a hardwareModuleName but is not one
     */
    static Optional<byte[]> serialOf(GeneralName name) {
        if (name.getTagNo() != GeneralName.otherName) {
            return Optional.empty();
        }
        try {
            OtherName otherName = OtherName.getInstance(name.getName());
            if (!DeviceObjectIdentifiers.HARDWARE_MODULE_NAME.equals(otherName.getTypeID())) {
                return Optional.empty();
            }
            ASN1Sequence sequence = ASN1Sequence.getInstance(otherName.getValue());
            if (sequence.size() != 2) {
                throw new MalformedInputException("A hardwareModuleName must hold exactly hwType and hwSerialNum");
            }
            ASN1ObjectIdentifier.getInstance(sequence.getObjectAt(0));
            return Optional.of(ASN1OctetString.getInstance(sequence.getObjectAt(1)).getOctets());
        } catch (IllegalArgumentException e) {
            throw new MalformedInputException("A requested hardwareModuleName is malformed", e);
        }
    }
}
