package org.pumppki.ca.crypto;

import java.time.Instant;
import java.util.Objects;

/** What the status store knows about one serial number of one issuer. */
public sealed interface CertificateStatus {

    /** Issued, not revoked and not expired. */
    static CertificateStatus good() {
        return Good.INSTANCE;
    }

    static CertificateStatus revoked(Instant revokedAt, RevocationReason reason) {
        return new Revoked(revokedAt, reason);
    }

    /** The store cannot say (e.g. the serial belongs to a certificate long purged). */
    static CertificateStatus unknown() {
        return Unknown.INSTANCE;
    }

    /** This CA never issued the serial; answered per the responder's {@link NotIssuedPolicy}. */
    static CertificateStatus notIssued() {
        return NotIssued.INSTANCE;
    }

    /** See {@link #good()}. */
    record Good() implements CertificateStatus {
        private static final Good INSTANCE = new Good();
    }

    /** A revoked (or held) certificate. */
    record Revoked(Instant revokedAt, RevocationReason reason) implements CertificateStatus {
        public Revoked {
            Objects.requireNonNull(revokedAt, "revokedAt");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** See {@link #unknown()}. */
    record Unknown() implements CertificateStatus {
        private static final Unknown INSTANCE = new Unknown();
    }

    /** See {@link #notIssued()}. */
    record NotIssued() implements CertificateStatus {
        private static final NotIssued INSTANCE = new NotIssued();
    }
}
