package org.pumppki.ca.service.certificate;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x509.GeneralName;

/** Small readings of stored certificates. */
final class Certificates {

    private Certificates() {
    }

    /** {@code DNS:pumps.example}, {@code IP:10.0.0.1}, {@code otherName:1.3.6.1.5.5.7.8.4}... */
    static String describe(GeneralName name) {
        return switch (name.getTagNo()) {
            case GeneralName.dNSName -> "DNS:" + name.getName();
            case GeneralName.iPAddress -> "IP:" + ipAddress(ASN1OctetString.getInstance(name.getName()).getOctets());
            case GeneralName.rfc822Name -> "email:" + name.getName();
            case GeneralName.uniformResourceIdentifier -> "URI:" + name.getName();
            case GeneralName.otherName -> "otherName:" + ASN1Sequence.getInstance(name.getName()).getObjectAt(0);
            default -> "name:" + name.getTagNo();
        };
    }

    private static String ipAddress(byte[] octets) {
        try {
            return java.net.InetAddress.getByAddress(octets).getHostAddress();
        } catch (java.net.UnknownHostException e) {
            return "invalid";
        }
    }
}
