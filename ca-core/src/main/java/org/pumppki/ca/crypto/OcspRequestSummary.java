package org.pumppki.ca.crypto;

import java.util.List;
import java.util.Optional;

/**
 * What an OCSP request asks, without answering it: enough for a caller to decide whether a
 * pre-signed response may be served.
 *
 * @param wellFormed    false if the request would get {@code malformedRequest}
 * @param hasNonce      whether the request carries a nonce, which rules out pre-signed responses
 * @param certIdCount   how many CertIDs the request holds
 * @param servedCertIds the CertIDs that belong to issuers this responder serves, with a hash we answer
 */
public record OcspRequestSummary(boolean wellFormed, boolean hasNonce, int certIdCount, List<OcspCacheKey> servedCertIds) {

    public OcspRequestSummary {
        servedCertIds = List.copyOf(servedCertIds);
    }

    static OcspRequestSummary malformed() {
        return new OcspRequestSummary(false, false, 0, List.of());
    }

    /** Present when the request is exactly one served CertID without a nonce. */
    public Optional<OcspCacheKey> cacheKey() {
        return wellFormed && !hasNonce && certIdCount == 1 && servedCertIds.size() == 1
                ? Optional.of(servedCertIds.get(0))
                : Optional.empty();
    }
}
