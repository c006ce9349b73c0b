package org.pumppki.ca.security;

/**
 * A CDI event fired for sign-in attempts with a password, so that the audit log records failures
 * and successes. Throttled attempts are aggregated: one event stands for {@code attempts} of them.
 * Carries no credential.
 */
public record SignInAttempt(String username, String sourceAddress, Outcome outcome, int attempts) {

    public SignInAttempt(String username, String sourceAddress, Outcome outcome) {
        this(username, sourceAddress, outcome, 1);
    }

    public enum Outcome {
        SUCCEEDED,
        FAILED,
        THROTTLED
    }
}
