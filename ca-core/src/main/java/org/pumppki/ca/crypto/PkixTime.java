package org.pumppki.ca.crypto;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;

/**
 * Converts instants to the precision PKIX time fields carry. RFC 5280 UTCTime and GeneralizedTime
 * have whole seconds; truncating before encoding keeps validity checks and the encoded value equal.
 */
final class PkixTime {

    private PkixTime() {
    }

    static Instant truncate(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS);
    }

    static Date toDate(Instant instant) {
        return Date.from(truncate(instant));
    }
}
