package org.pumppki.ca.domain;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Where a device is in its life. Quarantine puts its certificates on hold and can be released;
 * a lost device's certificates are revoked for key compromise; decommissioning is final.
 */
public enum DeviceState implements Labelled {
    /** Registered by zero-touch onboarding; waits for a person to approve it before it gets certificates. */
    PENDING("pending"),
    IN_SERVICE("in-service"),
    QUARANTINED("quarantined"),
    LOST("lost"),
    DECOMMISSIONED("decommissioned");

    private final String label;

    DeviceState(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    /** The states this one may move to. */
    public Set<DeviceState> successors() {
        return switch (this) {
            case PENDING -> EnumSet.of(IN_SERVICE, DECOMMISSIONED);
            case IN_SERVICE -> EnumSet.of(QUARANTINED, LOST, DECOMMISSIONED);
            case QUARANTINED -> EnumSet.of(IN_SERVICE, LOST, DECOMMISSIONED);
            case LOST -> EnumSet.of(DECOMMISSIONED);
            case DECOMMISSIONED -> EnumSet.noneOf(DeviceState.class);
        };
    }

    public boolean canMoveTo(DeviceState next) {
        return successors().contains(next);
    }

    /** Whether certificates may be issued to a device in this state. */
    public boolean acceptsEnrollment() {
        return this == IN_SERVICE;
    }

    public static Optional<DeviceState> fromLabel(String label) {
        return Labelled.fromLabel(DeviceState.class, label);
    }
}
