package org.pumppki.ca.crypto;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/**
 * The names a requester asked for: the CSR subject and the subjectAltName entries of its
 * extensionRequest. Every accessor says "untrusted" because nothing here has been checked against
 * the inventory; profiles compare these names with the {@link TrustedIdentity} and never copy them
 * into a certificate unchecked.
 */
public final class RequestedNames {

    private static final RequestedNames NONE = new RequestedNames(new X500Name(new RDN[0]), List.of());

    private static final String[] ALT_NAME_TYPES = {
        "otherName", "rfc822Name", "dNSName", "x400Address", "directoryName", "ediPartyName",
        "uniformResourceIdentifier", "iPAddress", "registeredID"};

    private final X500Name subject;
    private final List<GeneralName> altNames;

    private RequestedNames(X500Name subject, List<GeneralName> altNames) {
        this.subject = Objects.requireNonNull(subject, "subject");
        this.altNames = List.copyOf(altNames);
    }

    /** No requested names, for keys we generate ourselves (RFC 7030 serverkeygen, responder keys). */
    public static RequestedNames none() {
        return NONE;
    }

    /**
     * @throws MalformedInputException if an IP address entry is not 4 or 16 octets
     */
    static RequestedNames of(X500Name subject, GeneralNames altNames) {
        List<GeneralName> names = altNames == null ? List.of() : Arrays.asList(altNames.getNames());
        for (GeneralName name : names) {
            if (name.getTagNo() == GeneralName.iPAddress) {
                int length = ipAddressLength(name);
                if (length != 4 && length != 16) {
                    throw new MalformedInputException("An IP address in subjectAltName must be 4 or 16 octets, found " + length);
                }
            }
        }
        return new RequestedNames(subject, names);
    }

    public X500Name untrustedSubject() {
        return subject;
    }

    public List<String> untrustedCommonNames() {
        return subjectValues(BCStyle.CN);
    }

    public List<String> untrustedSerialNumbers() {
        return subjectValues(BCStyle.SERIALNUMBER);
    }

    /** Every subjectAltName entry as requested, of any type. */
    public List<GeneralName> untrustedAltNames() {
        return altNames;
    }

    public List<String> untrustedDnsNames() {
        return altNamesOf(GeneralName.dNSName, RequestedNames::stringValue);
    }

    public List<InetAddress> untrustedIpAddresses() {
        return altNamesOf(GeneralName.iPAddress, RequestedNames::address);
    }

    public List<String> untrustedEmailAddresses() {
        return altNamesOf(GeneralName.rfc822Name, RequestedNames::stringValue);
    }

    public List<String> untrustedUris() {
        return altNamesOf(GeneralName.uniformResourceIdentifier, RequestedNames::stringValue);
    }

    /** A short description of a name for messages, e.g. {@code dNSName 'x.example'}. */
    static String describe(GeneralName name) {
        String type = ALT_NAME_TYPES[name.getTagNo()];
        return switch (name.getTagNo()) {
            case GeneralName.dNSName, GeneralName.rfc822Name, GeneralName.uniformResourceIdentifier ->
                    type + " '" + stringValue(name.getName()) + "'";
            case GeneralName.iPAddress -> type + " " + address(name.getName()).getHostAddress();
            default -> type;
        };
    }

    private List<String> subjectValues(ASN1ObjectIdentifier type) {
        List<String> values = new ArrayList<>();
        for (RDN rdn : subject.getRDNs()) {
            for (AttributeTypeAndValue attribute : rdn.getTypesAndValues()) {
                if (attribute.getType().equals(type)) {
                    values.add(stringValue(attribute.getValue()));
                }
            }
        }
        return List.copyOf(values);
    }

    private <T> List<T> altNamesOf(int tag, Function<ASN1Encodable, T> decoder) {
        return altNames.stream().filter(name -> name.getTagNo() == tag).map(name -> decoder.apply(name.getName())).toList();
    }

    private static int ipAddressLength(GeneralName name) {
        try {
            return ASN1OctetString.getInstance(name.getName()).getOctets().length;
        } catch (IllegalArgumentException e) {
            throw new MalformedInputException("An IP address in subjectAltName is not an OCTET STRING", e);
        }
    }

    /** The text of a dNSName, rfc822Name or URI entry. */
    static String stringOf(GeneralName name) {
        return stringValue(name.getName());
    }

    /** The address of an iPAddress entry. */
    static InetAddress addressOf(GeneralName name) {
        return address(name.getName());
    }

    private static String stringValue(ASN1Encodable value) {
        return value instanceof ASN1String string ? string.getString() : IETFUtils.valueToString(value);
    }

    private static InetAddress address(ASN1Encodable value) {
        try {
            // getByAddress never touches DNS; the length was checked when the names were read.
            return InetAddress.getByAddress(ASN1OctetString.getInstance(value).getOctets());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("IP address length was validated on construction", e);
        }
    }
}
