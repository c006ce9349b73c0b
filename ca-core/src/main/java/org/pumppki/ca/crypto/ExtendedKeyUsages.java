package org.pumppki.ca.crypto;

import java.util.List;
import org.bouncycastle.asn1.x509.KeyPurposeId;

/** The purposes the certificate may be used for; nothing else is implied (no anyExtendedKeyUsage). */
record ExtendedKeyUsages(List<KeyPurposeId> purposes) implements ProfileRule {

    ExtendedKeyUsages {
        purposes = List.copyOf(purposes);
    }

    static ExtendedKeyUsages of(KeyPurposeId... purposes) {
        return new ExtendedKeyUsages(List.of(purposes));
    }

    @Override
    public void apply(IssuanceRequest request, CertificateTemplate template) {
        purposes.forEach(template::addExtendedKeyUsage);
    }
}
