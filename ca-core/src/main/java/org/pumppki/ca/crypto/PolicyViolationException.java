package org.pumppki.ca.crypto;

import java.util.Objects;

/** A well-formed request that our policy refuses, with a stable {@link PolicyViolation} code. */
public final class PolicyViolationException extends RequestRejectedException {

    private static final long serialVersionUID = 1L;

    private final PolicyViolation violation;

    public PolicyViolationException(PolicyViolation violation, String message) {
        super(message);
        this.violation = Objects.requireNonNull(violation, "violation");
    }

    public PolicyViolationException(PolicyViolation violation, String message, Throwable cause) {
        super(message, cause);
        this.violation = Objects.requireNonNull(violation, "violation");
    }

    public PolicyViolation violation() {
        return violation;
    }
}
