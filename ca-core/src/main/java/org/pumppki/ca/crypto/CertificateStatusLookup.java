package org.pumppki.ca.crypto;

import java.math.BigInteger;

/**
 * The OCSP responder's view of the status store. Implementations should answer from memory: RADIUS
 * servers time out quickly, and pumps must keep authenticating when the database is briefly away.
 * An implementation that throws makes the responder answer {@code tryLater}.
 */
@FunctionalInterface
public interface CertificateStatusLookup {

    /**
     * @param issuerId the {@link OcspIssuer#id()} of the CA the serial belongs to
     * @param serial   the serial number from the request; untrusted, possibly zero or negative
     */
    CertificateStatus statusOf(String issuerId, BigInteger serial);
}
