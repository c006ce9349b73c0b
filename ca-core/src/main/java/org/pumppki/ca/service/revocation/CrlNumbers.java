package org.pumppki.ca.service.revocation;

import java.time.Instant;

/**
 * The number of a CA's next CRL: one more than the last, and never below the publication time in
 * milliseconds. A database restored from a backup remembers only the numbers published before the
 * dump; counting on from there would give a relying party that already holds a later CRL a second,
 * different CRL under the same number (RFC 5280 §5.2.3 wants them to increase monotonically).
 * The clock floor puts every number published after a restore above all those published before it,
 * as long as no CA publishes more than one CRL per millisecond on average.
 */
final class CrlNumbers {

    private CrlNumbers() {
    }

    static long next(long last, Instant thisUpdate) {
        return Math.max(Math.addExact(last, 1), thisUpdate.toEpochMilli());
    }
}
