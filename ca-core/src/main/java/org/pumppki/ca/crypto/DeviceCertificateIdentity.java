package org.pumppki.ca.crypto;

import java.util.Optional;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * Who a manufacturer's device certificate (IEEE 802.1AR IDevID) says the device is: its serial from
 * the subject serialNumber or, failing that, the hardwareModuleName SAN (RFC 4108), and its maker
 * from the subject or issuer organisation. The certificate must have been validated by the caller.
 */
public record DeviceCertificateIdentity(String serial, String manufacturer) {

    private static final int MAX_SERIAL_LENGTH = 64;

    /** @throws MalformedInputException if the certificate names no usable serial */
    public static DeviceCertificateIdentity of(X509CertificateHolder certificate) {
        String serial = attribute(certificate.getSubject(), BCStyle.SERIALNUMBER)
                .or(() -> hardwareModuleSerial(certificate))
                .map(String::trim)
                .filter(s -> !s.isEmpty() && s.length() <= MAX_SERIAL_LENGTH)
                .orElseThrow(() -> new MalformedInputException(
                        "The device certificate names no serial (subject serialNumber or hardwareModuleName)"));
        String manufacturer = attribute(certificate.getSubject(), BCStyle.O)
                .or(() -> attribute(certificate.getIssuer(), BCStyle.O))
                .or(() -> attribute(certificate.getIssuer(), BCStyle.CN))
                .orElse("unknown");
        return new DeviceCertificateIdentity(serial, manufacturer);
    }

    private static Optional<String> attribute(X500Name name, org.bouncycastle.asn1.ASN1ObjectIdentifier type) {
        RDN[] rdns = name.getRDNs(type);
        return rdns.length == 0 ? Optional.empty() : Optional.of(IETFUtils.valueToString(rdns[0].getFirst().getValue()));
    }

    private static Optional<String> hardwareModuleSerial(X509CertificateHolder certificate) {
        Extension san = certificate.getExtension(Extension.subjectAlternativeName);
        if (san == null) {
            return Optional.empty();
        }
        for (GeneralName name : GeneralNames.getInstance(san.getParsedValue()).getNames()) {
            if (name.getTagNo() != GeneralName.otherName) {
                continue;
            }
            ASN1Sequence otherName = ASN1Sequence.getInstance(name.getName());
            if (!DeviceObjectIdentifiers.HARDWARE_MODULE_NAME.equals(otherName.getObjectAt(0))) {
                continue;
            }
            ASN1Sequence hardwareModule = ASN1Sequence.getInstance(
                    ASN1TaggedObject.getInstance(otherName.getObjectAt(1)).getExplicitBaseObject());
            byte[] serial = ASN1OctetString.getInstance(hardwareModule.getObjectAt(1)).getOctets();
            return Optional.of(new String(serial, java.nio.charset.StandardCharsets.UTF_8));
        }
        return Optional.empty();
    }
}
