package org.pumppki.ca.service.device;

import java.time.Duration;
import java.time.Instant;
import org.pumppki.ca.domain.CertificateHealth;
import org.pumppki.ca.store.Certificate;

/** Tells the health of a device's credential from its newest certificate. */
public final class CredentialHealth {

    private CredentialHealth() {
    }

    public static CertificateHealth of(Certificate current, Instant now, Duration warningWindow) {
        if (current == null) {
            return CertificateHealth.NONE;
        }
        return switch (current.status) {
            case REVOKED -> CertificateHealth.REVOKED;
            case ON_HOLD -> CertificateHealth.ON_HOLD;
            case VALID -> {
                if (current.isExpiredAt(now)) {
                    yield CertificateHealth.EXPIRED;
                }
                yield current.notAfter.isAfter(now.plus(warningWindow)) ? CertificateHealth.VALID : CertificateHealth.EXPIRING;
            }
        };
    }
}
