package org.pumppki.console;

import java.time.Duration;
import java.time.Instant;
import org.pumppki.ca.domain.CertificateStatus;
import org.pumppki.ca.store.Certificate;

/** A certificate as a row of the device page: its status badge, time to expiry and what can be done with it. */
public record CertificateRow(String serial, String issuer, String profile, String status, Instant notBefore,
        Instant notAfter, String timeToExpiry, String revocationReason, boolean current, boolean heldByQuarantine) {

    static CertificateRow of(Certificate certificate, Instant now, boolean current) {
        boolean expired = certificate.isExpiredAt(now);
        String status = certificate.status == CertificateStatus.VALID && expired ? "expired" : certificate.status.label();
        return new CertificateRow(certificate.serialNumber, certificate.issuer.name, certificate.profile, status,
                certificate.notBefore, certificate.notAfter, Durations.untilOrSince(now, certificate.notAfter),
                certificate.revocationReason, current, certificate.heldByQuarantine);
    }

    public boolean isValid() {
        return "valid".equals(status);
    }

    public boolean isOnHold() {
        return "on-hold".equals(status);
    }

    public boolean isRevocable() {
        return isValid() || isOnHold();
    }

    /** Released with the device's quarantine, not on its own. */
    public boolean isReleasable() {
        return isOnHold() && !heldByQuarantine;
    }

    /** Reads as "in 3 days" or "2 hours ago". */
    static final class Durations {
        private Durations() {
        }

        static String untilOrSince(Instant now, Instant when) {
            Duration between = Duration.between(now, when);
            String amount = amount(between.abs());
            return between.isNegative() ? amount + " ago" : "in " + amount;
        }

        private static String amount(Duration duration) {
            long days = duration.toDays();
            if (days >= 2) {
                return days + " days";
            }
            long hours = duration.toHours();
            if (hours >= 2) {
                return hours + " hours";
            }
            return Math.max(1, duration.toMinutes()) + " minutes";
        }
    }
}
