package org.pumppki.ca.crypto;

/**
 * The input is not the structure it claims to be: not PEM, DER or base64, truncated, oversized,
 * or ASN.1 that does not fit the expected type.
 */
public final class MalformedInputException extends RequestRejectedException {

    private static final long serialVersionUID = 1L;

    public MalformedInputException(String message) {
        super(message);
    }

    public MalformedInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
