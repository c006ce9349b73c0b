package org.pumppki.ca.crypto;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The responder's answer: the DER-encoded OCSPResponse to send, its status, the nextUpdate to
 * derive HTTP caching headers from (RFC 5019 §6.2), and, for internalError and tryLater, the
 * failure behind it, for logs and health checks. Never sent to the client beyond the status.
 */
public final class OcspReply {

    private final OcspResponseStatus status;
    private final byte[] encoded;
    private final Instant nextUpdate;
    private final Exception failure;

    private OcspReply(OcspResponseStatus status, byte[] encoded, Instant nextUpdate, Exception failure) {
        this.status = status;
        this.encoded = encoded;
        this.nextUpdate = nextUpdate;
        this.failure = failure;
    }

    static OcspReply signed(byte[] encoded, Instant nextUpdate) {
        return new OcspReply(OcspResponseStatus.SUCCESSFUL, encoded, Objects.requireNonNull(nextUpdate), null);
    }

    public static OcspReply unsigned(OcspResponseStatus status, Exception failure) {
        return new OcspReply(status, status.unsignedResponse(), null, failure);
    }

    public OcspResponseStatus status() {
        return status;
    }

    /** The body of the HTTP response, {@code application/ocsp-response}. */
    public byte[] encoded() {
        return encoded.clone();
    }

    /** Present for signed responses. */
    public Optional<Instant> nextUpdate() {
        return Optional.ofNullable(nextUpdate);
    }

    /** Why the request could not be answered, if something failed. */
    public Optional<Exception> failure() {
        return Optional.ofNullable(failure);
    }
}
