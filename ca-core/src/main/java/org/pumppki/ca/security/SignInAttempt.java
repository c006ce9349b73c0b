package org.pumppki.ca.security;

/**
 * A CDI event fired for every sign-in attempt with a password, so that the audit log records
 * failures and successes. Carries no credential.
 */
public record SignInAttempt(String username, String sourceAddress, Outcome outcome) {

    public enum Outcome {
        SUCCEEDED,
        FAILED,
        THROTTLED
    }
}
