package org.pumppki.scheduler.scan;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.pumppki.ca.domain.FlagSeverity;

/**
 * Warning windows before expiry, e.g. 30, 7 and 1 days: a certificate is in the smallest window
 * that still contains its notAfter. The smallest window is critical, the largest informational,
 * those between are warnings.
 */
final class ExpiryWindows {

    /** The window a certificate is in, and how urgent that is. */
    record Window(Duration length, FlagSeverity severity) {
        String label() {
            return length.toDays() + "d";
        }
    }

    private final List<Duration> ascending;

    ExpiryWindows(List<Duration> windows) {
        this.ascending = windows.stream().filter(w -> !w.isNegative() && !w.isZero()).sorted().distinct().toList();
        if (ascending.isEmpty()) {
            throw new IllegalArgumentException("At least one positive expiry warning window is needed");
        }
    }

    /** Certificates expiring before this instant are in some window. */
    Instant horizon(Instant now) {
        return now.plus(largest());
    }

    Duration largest() {
        return ascending.get(ascending.size() - 1);
    }

    Optional<Window> of(Instant notAfter, Instant now) {
        Duration left = Duration.between(now, notAfter);
        for (int i = 0; i < ascending.size(); i++) {
            if (left.compareTo(ascending.get(i)) <= 0) {
                return Optional.of(new Window(ascending.get(i), severity(i)));
            }
        }
        return Optional.empty();
    }

    private FlagSeverity severity(int index) {
        if (index == 0) {
            return FlagSeverity.CRITICAL;
        }
        return index == ascending.size() - 1 ? FlagSeverity.INFO : FlagSeverity.WARNING;
    }
}
