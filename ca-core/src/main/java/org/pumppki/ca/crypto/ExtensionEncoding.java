package org.pumppki.ca.crypto;

import java.io.IOException;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.Extension;

/** Builds X.509 extensions from values we construct ourselves, which always DER-encode. */
final class ExtensionEncoding {

    private ExtensionEncoding() {
    }

    static Extension critical(ASN1ObjectIdentifier oid, ASN1Encodable value) {
        return create(oid, true, value);
    }

    static Extension nonCritical(ASN1ObjectIdentifier oid, ASN1Encodable value) {
        return create(oid, false, value);
    }

    private static Extension create(ASN1ObjectIdentifier oid, boolean critical, ASN1Encodable value) {
        try {
            return Extension.create(oid, critical, value);
        } catch (IOException e) {
            throw new IllegalStateException("Extension " + oid + " built here must DER-encode", e);
        }
    }
}
