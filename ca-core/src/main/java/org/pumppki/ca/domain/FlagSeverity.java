package org.pumppki.ca.domain;

import java.util.Optional;

/** How urgent a flag is; critical flags are mailed at once, the others wait for the daily digest. */
public enum FlagSeverity implements Labelled {
    INFO("info"),
    WARNING("warning"),
    CRITICAL("critical");

    private final String label;

    FlagSeverity(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    public static Optional<FlagSeverity> fromLabel(String label) {
        return Labelled.fromLabel(FlagSeverity.class, label);
    }
}
