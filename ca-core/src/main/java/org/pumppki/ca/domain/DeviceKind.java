package org.pumppki.ca.domain;

import java.util.Optional;

/** What a registered device is, and which certificate profile it gets unless told otherwise. */
public enum DeviceKind implements Labelled {
    PUMP("pump", "pump"),
    PUMP_SERVER("pump-server", "pump-server"),
    RADIUS_SERVER("radius-server", "radius-server");

    private final String label;
    private final String defaultProfile;

    DeviceKind(String label, String defaultProfile) {
        this.label = label;
        this.defaultProfile = defaultProfile;
    }

    /** The name used in the API, the database and CSV files. */
    @Override
    public String label() {
        return label;
    }

    public String defaultProfile() {
        return defaultProfile;
    }

    public static Optional<DeviceKind> fromLabel(String label) {
        return Labelled.fromLabel(DeviceKind.class, label);
    }
}
