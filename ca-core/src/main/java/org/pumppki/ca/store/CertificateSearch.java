package org.pumppki.ca.store;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Filters of the certificate list; every present filter must match. {@code status} is one of
 * valid, expired, on-hold, revoked (expiry evaluated at {@code now}).
 */
public record CertificateSearch(
        Optional<String> status,
        Optional<String> profile,
        Optional<String> caName,
        Optional<UUID> deviceId,
        Optional<Instant> expiringBefore,
        Instant now) {

    public CertificateSearch at(Instant instant) {
        return new CertificateSearch(status, profile, caName, deviceId, expiringBefore, instant);
    }
}
