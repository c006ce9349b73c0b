package org.pumppki.ca.service;

import java.util.Objects;

/**
 * A use case refused a request. The {@link #code()} is stable (doors publish it, e.g. as the
 * problem type); the message is written for the person who has to fix the request and never
 * contains secrets.
 */
public class PkiException extends RuntimeException {

    private final Failure failure;
    private final String code;

    public PkiException(Failure failure, String code, String message) {
        super(message);
        this.failure = Objects.requireNonNull(failure);
        this.code = Objects.requireNonNull(code);
    }

    public PkiException(Failure failure, String code, String message, Throwable cause) {
        super(message, cause);
        this.failure = Objects.requireNonNull(failure);
        this.code = Objects.requireNonNull(code);
    }

    public Failure failure() {
        return failure;
    }

    public String code() {
        return code;
    }

    public static PkiException invalidInput(String code, String message) {
        return new PkiException(Failure.INVALID_INPUT, code, message);
    }

    public static PkiException notFound(String code, String message) {
        return new PkiException(Failure.NOT_FOUND, code, message);
    }

    public static PkiException conflict(String code, String message) {
        return new PkiException(Failure.CONFLICT, code, message);
    }

    public static PkiException policy(String code, String message) {
        return new PkiException(Failure.POLICY_VIOLATION, code, message);
    }
}
