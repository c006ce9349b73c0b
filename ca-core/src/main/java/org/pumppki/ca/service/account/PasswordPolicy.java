package org.pumppki.ca.service.account;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import org.pumppki.ca.config.PkiConfig;
import org.pumppki.ca.service.PkiException;

/** Decides whether a new password is acceptable; never logs or echoes the password. */
@ApplicationScoped
public class PasswordPolicy {

    /** bcrypt ignores everything after 72 bytes; longer passwords would be silently truncated. */
    static final int BCRYPT_MAX_BYTES = 72;

    private final int minLength;

    PasswordPolicy(PkiConfig config) {
        this.minLength = config.security().passwordMinLength();
    }

    public void check(String password) {
        if (password == null || password.codePointCount(0, password.length()) < minLength) {
            throw PkiException.policy("weak-password",
                    "Passwords must have at least " + minLength + " characters.");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > BCRYPT_MAX_BYTES) {
            throw PkiException.policy("password-too-long",
                    "Passwords may have at most " + BCRYPT_MAX_BYTES + " bytes in UTF-8.");
        }
        if (password.isBlank()) {
            throw PkiException.policy("weak-password", "Passwords must not be blank.");
        }
    }
}
