package org.pumppki.ca.crypto;

/**
 * Something a client sent cannot be accepted. The message is written for the person or device
 * that sent it: it names the problem without echoing secrets or stack details, so protocol layers
 * (EST, REST) may return it as is.
 */
public abstract class RequestRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    protected RequestRejectedException(String message) {
        super(message);
    }

    protected RequestRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
