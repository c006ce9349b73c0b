package org.pumppki.api.est;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** The device serial and one-time enrollment code of an HTTP Basic {@code Authorization} header. */
record BasicCredentials(String serial, String code) {

    private static final String SCHEME = "basic ";

    /** Empty for a missing header or another scheme; a malformed Basic header is refused as bad credentials. */
    static Optional<BasicCredentials> from(String header) {
        if (header == null || header.length() < SCHEME.length()
                || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(SCHEME.length()).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.of(new BasicCredentials("", ""));
        }
        int colon = decoded.indexOf(':');
        return Optional.of(colon < 0 ? new BasicCredentials(decoded, "")
                : new BasicCredentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
    }
}
