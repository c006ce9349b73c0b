package org.pumppki.ca.crypto;

/**
 * Our own signing failed: the {@code ContentSigner} threw (an HSM session dropped, say) or produced
 * a signature that does not verify under the public key it should belong to. Never the client's
 * fault; callers answer with a server error and alert.
 */
public final class SigningException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SigningException(String message) {
        super(message);
    }

    public SigningException(String message, Throwable cause) {
        super(message, cause);
    }
}
