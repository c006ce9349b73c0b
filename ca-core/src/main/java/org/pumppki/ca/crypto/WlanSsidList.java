package org.pumppki.ca.crypto;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;

/**
 * The RFC 4334 WLAN SSID extension, {@code SSIDList ::= SEQUENCE SIZE (1..MAX) OF OCTET STRING
 * (SIZE (1..32))}, non-critical: supplicants that understand it only use the certificate on these
 * networks, and others ignore it.
 */
record WlanSsidList(List<String> ssids) implements ProfileRule {

    WlanSsidList {
        ssids = List.copyOf(ssids);
        if (ssids.isEmpty()) {
            throw new IllegalArgumentException("An SSID list needs at least one SSID; leave the rule out instead");
        }
    }

    @Override
    public void apply(IssuanceRequest request, CertificateTemplate template) {
        ASN1EncodableVector list = new ASN1EncodableVector();
        ssids.forEach(ssid -> list.add(new DEROctetString(ssid.getBytes(StandardCharsets.UTF_8))));
        template.addExtension(ExtensionEncoding.nonCritical(DeviceObjectIdentifiers.WLAN_SSID, new DERSequence(list)));
    }
}
