package org.pumppki.ca.service;

import java.util.Locale;
import org.pumppki.ca.crypto.MalformedInputException;
import org.pumppki.ca.crypto.PolicyViolationException;
import org.pumppki.ca.crypto.RequestRejectedException;

/** Translates the crypto layer's refusals into use-case failures with stable codes. */
public final class CryptoFailures {

    private CryptoFailures() {
    }

    public static PkiException translate(RequestRejectedException e) {
        if (e instanceof PolicyViolationException policy) {
            String code = policy.violation().name().toLowerCase(Locale.ROOT).replace('_', '-');
            return new PkiException(Failure.POLICY_VIOLATION, code, e.getMessage(), e);
        }
        if (e instanceof MalformedInputException) {
            return new PkiException(Failure.INVALID_INPUT, "malformed-input", e.getMessage(), e);
        }
        return new PkiException(Failure.INVALID_INPUT, "rejected", e.getMessage(), e);
    }
}
