package org.pumppki.ca.crypto;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;

/** One revoked certificate as a CRL lists it. */
public record RevokedEntry(BigInteger serial, Instant revokedAt, RevocationReason reason) {

    public RevokedEntry {
        SerialNumberGenerator.requireValid(serial);
        Objects.requireNonNull(revokedAt, "revokedAt");
        Objects.requireNonNull(reason, "reason");
    }
}
