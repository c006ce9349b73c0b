package org.pumppki.ca.keys;

/**
 * A CA key could not be generated, found or used. Messages are written for the operator who has to
 * fix the cause (configuration, token, stored data) and never contain key material.
 */
public class CaKeyException extends RuntimeException {

    public CaKeyException(String message) {
        super(message);
    }

    public CaKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
