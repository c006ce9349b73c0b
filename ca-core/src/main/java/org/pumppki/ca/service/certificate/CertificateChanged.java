package org.pumppki.ca.service.certificate;

import java.time.Instant;
import org.pumppki.ca.domain.CertificateStatus;

/**
 * A certificate was issued or its revocation status changed. Fired inside the transaction;
 * observers that publish (OCSP index, CRL) listen for {@code AFTER_SUCCESS}.
 */
public record CertificateChanged(long issuerId, String serialNumber, CertificateStatus status, Instant revokedAt,
        String revocationReason, Instant notAfter) {
}
