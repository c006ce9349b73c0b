package org.pumppki.ca.domain;

import java.util.Optional;

/**
 * The state of a device's credential as people ask about it, read from its newest certificate:
 * whether the pump can still join the Wi-Fi, and for how long.
 */
public enum CertificateHealth implements Labelled {
    /** Valid now (including those that expire soon). */
    VALID("valid"),
    /** Valid now, but expires inside the warning window. */
    EXPIRING("expiring"),
    /** Past its notAfter. */
    EXPIRED("expired"),
    /** Put on hold (quarantine); can be released. */
    ON_HOLD("on-hold"),
    /** Revoked for good. */
    REVOKED("revoked"),
    /** No certificate was ever issued to the device. */
    NONE("none");

    private final String label;

    CertificateHealth(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    public static Optional<CertificateHealth> fromLabel(String label) {
        return Labelled.fromLabel(CertificateHealth.class, label);
    }
}
