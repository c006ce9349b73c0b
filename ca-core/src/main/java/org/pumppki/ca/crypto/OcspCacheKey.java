package org.pumppki.ca.crypto;

import java.math.BigInteger;
import java.util.Objects;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;

/**
 * What a nonce-less single-certificate response depends on, so a caller can sign it ahead of time
 * ({@link OcspResponder#presign}) and serve it to every request with the same key.
 *
 * <p>The CertID's hash algorithm is kept as the client encoded it: OpenSSL writes NULL parameters,
 * RFC 5754 clients leave them out, and clients that compare the whole CertID (Bouncy Castle, the
 * JDK) find their answer only if it repeats their encoding. The two encodings are distinct keys.
 *
 * @param hashAlgorithm the CertID's hashAlgorithm exactly as received; one of {@link CertIdHash}
 */
public record OcspCacheKey(String issuerId, BigInteger serial, AlgorithmIdentifier hashAlgorithm) {

    public OcspCacheKey {
        Objects.requireNonNull(issuerId, "issuerId");
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(hashAlgorithm, "hashAlgorithm");
        if (CertIdHash.of(hashAlgorithm.getAlgorithm()).isEmpty()) {
            throw new IllegalArgumentException("CertIDs hashed with " + hashAlgorithm.getAlgorithm() + " are not answered");
        }
    }

    /** A key for a CertID whose hash algorithm is written as OpenSSL writes it, with NULL parameters. */
    public OcspCacheKey(String issuerId, BigInteger serial, CertIdHash hash) {
        this(issuerId, serial, hash.algorithmIdentifier());
    }

    public CertIdHash hash() {
        return CertIdHash.of(hashAlgorithm.getAlgorithm()).orElseThrow();
    }
}
