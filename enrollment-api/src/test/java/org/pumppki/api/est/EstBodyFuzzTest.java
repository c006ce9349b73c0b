package org.pumppki.api.est;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import org.pumppki.ca.crypto.KeyPolicy;
import org.pumppki.ca.crypto.RequestRejectedException;
import org.pumppki.ca.crypto.UntrustedCsr;
import org.pumppki.ca.service.Failure;
import org.pumppki.ca.service.PkiException;

/**
 * The body of {@code /simpleenroll} and {@code /simplereenroll}, base64 or raw DER by label, read
 * and parsed as EST does before any device is looked at: whatever a client sends ends in a CSR or
 * in one of the refusals that EST answers with a 4xx.
 */
class EstBodyFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void readsACsrOrRefusesTheBody(byte[] input) {
        // The first byte picks the label's encoding (odd: raw DER); the rest is the body.
        boolean rawDer = input.length > 0 && (input[0] & 1) == 1;
        InputStream body = new ByteArrayInputStream(input, Math.min(1, input.length), Math.max(0, input.length - 1));
        try {
            UntrustedCsr.parse(EstMessages.readCsr(body, rawDer), KeyPolicy.DEFAULT);
        } catch (PkiException refused) {
            assertEquals(Failure.INVALID_INPUT, refused.failure(), refused.getMessage());
        } catch (RequestRejectedException | EstMessages.TooLargeException expected) {
            // refused as malformed or against the key policy, or larger than EST takes
        }
    }
}
