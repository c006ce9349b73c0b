package org.pumppki.ca.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;

/**
 * The hash algorithms an OCSP CertID may use that we answer. SHA-1 here is not a signature: it
 * only names the issuer, and it is what OpenSSL, FreeRADIUS and most supplicants still send
 * (RFC 5019 §2.1.1 mandates it for the lightweight profile). SHA-256 is answered as well.
 */
public enum CertIdHash {
    SHA1(OIWObjectIdentifiers.idSHA1, "SHA-1"),
    SHA256(NISTObjectIdentifiers.id_sha256, "SHA-256");

    private final ASN1ObjectIdentifier oid;
    private final String jcaName;

    CertIdHash(ASN1ObjectIdentifier oid, String jcaName) {
        this.oid = oid;
        this.jcaName = jcaName;
    }

    /** The identifier with explicit NULL parameters, as OpenSSL writes it. */
    public AlgorithmIdentifier algorithmIdentifier() {
        return new AlgorithmIdentifier(oid, DERNull.INSTANCE);
    }

    static Optional<CertIdHash> of(ASN1ObjectIdentifier oid) {
        for (CertIdHash hash : values()) {
            if (hash.oid.equals(oid)) {
                return Optional.of(hash);
            }
        }
        return Optional.empty();
    }

    byte[] digest(byte[] input) {
        try {
            return MessageDigest.getInstance(jcaName).digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform provides " + jcaName, e);
        }
    }
}
