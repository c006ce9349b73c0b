package org.pumppki.ca.service.certificate;

import java.time.Instant;
import org.pumppki.ca.domain.CertificateStatus;

/**
 * A certificate was issued or its revocation status changed. Fired inside the transaction;
 * observers that publish (OCSP index, CRL) act on it when it commits.
 */
public record CertificateChanged(Change change, long issuerId, String serialNumber, CertificateStatus status,
        Instant revokedAt, String revocationReason, Instant notAfter) {

    /** What happened to the certificate. */
    public enum Change {
        ISSUED,
        REVOKED,
        HELD,
        RELEASED;

        /** Whether CRLs list the change. */
        public boolean affectsCrl() {
            return this != ISSUED;
        }
    }
}
