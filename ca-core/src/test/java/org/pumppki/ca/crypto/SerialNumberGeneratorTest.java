package org.pumppki.ca.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Integer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SerialNumberGeneratorTest {

    private static final int DRAWS = 20_000;

    private final SerialNumberGenerator generator = new SerialNumberGenerator(new SecureRandom());

    @Test
    void serialsArePositiveShortAndDistinct() throws Exception {
        Set<BigInteger> seen = new HashSet<>();
        int widest = 0;
        for (int i = 0; i < DRAWS; i++) {
            BigInteger serial = generator.next();
            assertTrue(serial.signum() > 0, "positive");
            // DER content octets of the INTEGER: tag and length are the first two bytes here.
            assertTrue(new ASN1Integer(serial).getEncoded().length - 2 <= SerialNumberGenerator.MAX_SERIAL_OCTETS);
            assertTrue(seen.add(serial), "distinct");
            widest = Math.max(widest, serial.bitLength());
        }
        assertEquals(DRAWS, seen.size());
        assertEquals(127, widest, "127 random bits, the top bit of 16 octets cleared");
    }

    @Test
    void skipsAZeroDraw() {
        SecureRandom zerosThenOnes = new SecureRandom() {
            private int calls;

            @Override
            public void nextBytes(byte[] bytes) {
                Arrays.fill(bytes, (byte) (calls++ == 0 ? 0 : 0xff));
            }
        };

        BigInteger serial = new SerialNumberGenerator(zerosThenOnes).next();

        assertEquals(BigInteger.ONE.shiftLeft(127).subtract(BigInteger.ONE), serial);
    }

    @Test
    void acceptsTwentyOctets() {
        BigInteger largest = BigInteger.ONE.shiftLeft(159).subtract(BigInteger.ONE);

        assertEquals(largest, SerialNumberGenerator.requireValid(largest));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "730750818665451459101842416358141509827966271488"})
    void refusesZeroNegativeAndOverlongSerials(String serial) {
        assertThrows(IllegalArgumentException.class, () -> SerialNumberGenerator.requireValid(new BigInteger(serial)));
    }
}
