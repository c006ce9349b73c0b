package org.pumppki.ca.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * Recognises the three ways a CSR reaches us and returns its DER: raw DER (gateways that post
 * binary), PEM (operators pasting into the UI) and bare base64 with line breaks (EST bodies, RFC
 * 7030 §4.2.1 as clarified by RFC 8951 §3).
 */
final class CsrEncoding {

    /** Far above any real CSR (an RSA-16384 CSR is under 5 KiB) and small enough to parse safely. */
    static final int MAX_INPUT_BYTES = 64 * 1024;

    private static final byte DER_SEQUENCE = 0x30;
    private static final Set<String> CSR_PEM_TYPES = Set.of(Pem.CERTIFICATE_REQUEST, Pem.NEW_CERTIFICATE_REQUEST);

    private CsrEncoding() {
    }

    static byte[] toDer(byte[] input) {
        if (input == null || input.length == 0) {
            throw new MalformedInputException("The certificate request is empty");
        }
        if (input.length > MAX_INPUT_BYTES) {
            throw new MalformedInputException("The certificate request is larger than " + (MAX_INPUT_BYTES / 1024) + " KiB");
        }
        if (input[0] == DER_SEQUENCE) {
            return input;
        }
        String text = asciiText(input);
        if (text.contains("-----BEGIN")) {
            List<PemObject> blocks = Pem.blocks(text, CSR_PEM_TYPES);
            if (blocks.size() != 1) {
                throw new MalformedInputException("Expected one certificate request, found " + blocks.size());
            }
            return blocks.get(0).getContent();
        }
        return base64(text);
    }

    private static String asciiText(byte[] input) {
        for (byte b : input) {
            if (b < 0) {
                throw new MalformedInputException("The certificate request is neither DER, PEM nor base64");
            }
        }
        return new String(input, StandardCharsets.US_ASCII);
    }

    private static byte[] base64(String text) {
        // RFC 8951 §3: line breaks and other whitespace may appear anywhere in the base64 body.
        String compact = text.replaceAll("[ \\t\\r\\n]", "");
        try {
            byte[] der = Base64.getDecoder().decode(compact);
            if (der.length == 0 || der[0] != DER_SEQUENCE) {
                throw new MalformedInputException("The base64 body does not hold a DER certificate request");
            }
            return der;
        } catch (IllegalArgumentException e) {
            throw new MalformedInputException("The certificate request is neither DER, PEM nor valid base64", e);
        }
    }
}
