package org.pumppki.ca.crypto;

import java.math.BigInteger;
import java.util.Objects;

/**
 * What a nonce-less single-certificate response depends on, so a caller can sign it ahead of time
 * ({@link OcspResponder#presign}) and serve it to every request with the same key.
 */
public record OcspCacheKey(String issuerId, BigInteger serial, CertIdHash hash) {

    public OcspCacheKey {
        Objects.requireNonNull(issuerId, "issuerId");
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(hash, "hash");
    }
}
