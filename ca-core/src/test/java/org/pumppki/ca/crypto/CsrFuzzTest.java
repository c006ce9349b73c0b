package org.pumppki.ca.crypto;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * A CSR from the API or EST, PEM, base64 or DER, is accepted or refused with a reason the caller
 * gets as a 4xx; no input makes the parser fail in another way (a 500).
 */
class CsrFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void parsesOrRefusesWithAReason(byte[] input) {
        try {
            UntrustedCsr.parse(input, KeyPolicy.DEFAULT);
        } catch (MalformedInputException | PolicyViolationException expected) {
            // the documented refusals
        }
    }
}
