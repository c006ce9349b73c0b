package org.pumppki.ca.crypto;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Any bytes a RADIUS server or an attacker posts to {@code /ocsp} end as a parsed request or as
 * {@code malformedRequest}; never as another exception, which would answer {@code internalError}.
 */
class OcspRequestFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void parsesOrRefusesAsMalformed(byte[] der) {
        try {
            OcspRequestParser.parse(der);
        } catch (MalformedInputException expected) {
            // the documented refusal
        }
    }
}
