package org.pumppki.ca.service.revocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CrlNumbersTest {

    private static final Instant NOW = Instant.parse("2026-12-02T03:15:00Z");

    @ParameterizedTest
    @CsvSource({
            "0, 1796181300000",             // the first CRL of a new CA
            "5, 1796181300000",             // numbered before the clock floor existed
            "1796181299999, 1796181300000",
            "1796181300000, 1796181300001", // a second CRL in the same millisecond
            "1796181300500, 1796181300501"  // a replica whose clock is behind the last publisher's
    })
    void isAboveTheLastAndNeverBelowThePublicationTime(long last, long expected) {
        assertEquals(expected, CrlNumbers.next(last, NOW));
    }

    @Test
    void aRestoredCaNumbersAboveWhatItPublishedAfterTheBackup() {
        long atBackup = CrlNumbers.next(0, NOW);
        long publishedAfterBackup = CrlNumbers.next(atBackup, NOW.plusSeconds(3600));
        long afterRestore = CrlNumbers.next(atBackup, NOW.plusSeconds(7200));
        assertTrue(afterRestore > publishedAfterBackup);
    }

    @Test
    void refusesToWrapAround() {
        assertThrows(ArithmeticException.class, () -> CrlNumbers.next(Long.MAX_VALUE, NOW));
    }
}
