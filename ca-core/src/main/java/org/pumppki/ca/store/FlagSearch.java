package org.pumppki.ca.store;

import java.util.Optional;
import java.util.UUID;
import org.pumppki.ca.domain.FlagKind;
import org.pumppki.ca.domain.FlagSeverity;

/** Filters of the flag list; every present filter must match. */
public record FlagSearch(
        Optional<FlagKind> kind,
        Optional<FlagSeverity> severity,
        /** open, resolved or all; open by default. */
        Optional<String> state,
        Optional<Boolean> acknowledged,
        Optional<UUID> deviceId,
        Optional<String> serialNumber) {

    public static FlagSearch open() {
        return new FlagSearch(Optional.empty(), Optional.empty(), Optional.of("open"), Optional.empty(),
                Optional.empty(), Optional.empty());
    }
}
