package org.pumppki.api.est;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import org.pumppki.ca.service.PkiException;

/**
 * EST bodies on the wire (RFC 7030 §4, RFC 8951 §3): base64 of DER, line breaks tolerated and
 * Content-Transfer-Encoding ignored on the way in, base64 in lines on the way out; raw DER for labels
 * with the compatibility switch.
 */
final class EstMessages {

    static final String PKCS10 = "application/pkcs10";
    static final String CERTS_ONLY = "application/pkcs7-mime; smime-type=certs-only";
    static final String CSR_ATTRS = "application/csrattrs";
    static final String PKCS8 = "application/pkcs8";
    /** A PKCS#10 request is a few KiB at most; a larger body is refused before it is parsed. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    /** A body that is too large, answered with 413. */
    static final class TooLargeException extends RuntimeException {
        TooLargeException() {
            super("The request body exceeds " + MAX_BODY_BYTES + " bytes.");
        }
    }

    /** A body of the wrong media type, answered with 415. */
    static final class UnsupportedTypeException extends RuntimeException {
        UnsupportedTypeException(String contentType) {
            super("Send the request as " + PKCS10 + ", not " + (contentType == null ? "no content type" : contentType) + ".");
        }
    }

    private EstMessages() {
    }

    static void requirePkcs10(String contentType) {
        String type = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!type.equals(PKCS10)) {
            throw new UnsupportedTypeException(contentType);
        }
    }

    /** Reads at most {@link #MAX_BODY_BYTES} and decodes base64 unless the label takes raw DER. */
    static byte[] readCsr(InputStream body, boolean rawDer) {
        byte[] bytes;
        try {
            bytes = body == null ? new byte[0] : body.readNBytes(MAX_BODY_BYTES + 1);
        } catch (IOException e) {
            throw PkiException.invalidInput("unreadable-body", "The request body could not be read.");
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw new TooLargeException();
        }
        if (bytes.length == 0) {
            throw PkiException.invalidInput("empty-body", "The request body is empty; send a base64 PKCS#10 request.");
        }
        if (rawDer) {
            return bytes;
        }
        try {
            // Line breaks and other white space are tolerated (RFC 8951 section 3); anything else must be base64.
            return Base64.getDecoder().decode(new String(bytes, StandardCharsets.US_ASCII).replaceAll("\\s+", ""));
        } catch (IllegalArgumentException e) {
            throw PkiException.invalidInput("malformed-base64", "The request body is not base64 (RFC 7030 section 4.2.1).");
        }
    }

    static Object encode(byte[] der, boolean rawDer) {
        if (rawDer) {
            return der;
        }
        return Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der) + "\n";
    }

    /** RFC 7030 §4.4.2: the key as PKCS#8 and the certificate as certs-only PKCS#7, base64 parts. */
    static String serverKeygenBody(String boundary, byte[] pkcs8, byte[] certsOnly) {
        return "--" + boundary + "\r\n"
                + "Content-Type: " + PKCS8 + "\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n"
                + encode(pkcs8, false)
                + "--" + boundary + "\r\n"
                + "Content-Type: " + CERTS_ONLY + "\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n"
                + encode(certsOnly, false)
                + "--" + boundary + "--\r\n";
    }
}
