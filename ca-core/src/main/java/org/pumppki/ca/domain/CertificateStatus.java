package org.pumppki.ca.domain;

import java.util.Optional;

/**
 * The revocation status stored for a certificate. Expiry is not a stored status: it follows from
 * notAfter and the clock.
 */
public enum CertificateStatus implements Labelled {
    VALID("valid"),
    ON_HOLD("on-hold"),
    REVOKED("revoked");

    private final String label;

    CertificateStatus(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    public static Optional<CertificateStatus> fromLabel(String label) {
        return Labelled.fromLabel(CertificateStatus.class, label);
    }
}
