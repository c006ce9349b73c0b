package org.pumppki.ca.service.device;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import org.pumppki.ca.service.Failure;
import org.pumppki.ca.service.PkiException;

/** A device CSV upload is read, or refused as a whole with a problem the biomed can act on (400). */
class DeviceCsvFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void readsOrRefusesAsInvalidInput(byte[] upload) {
        try {
            DeviceCsv.read(new StringReader(new String(upload, StandardCharsets.UTF_8)));
        } catch (PkiException refused) {
            assertEquals(Failure.INVALID_INPUT, refused.failure(), refused.getMessage());
        }
    }
}
