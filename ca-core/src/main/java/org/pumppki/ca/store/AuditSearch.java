package org.pumppki.ca.store;

import java.time.Instant;
import java.util.Optional;

/** Filters of the audit log; every present filter must match. */
public record AuditSearch(
        Optional<String> actor,
        Optional<String> action,
        Optional<String> targetType,
        Optional<String> targetId,
        Optional<Instant> from,
        Optional<Instant> to) {
}
