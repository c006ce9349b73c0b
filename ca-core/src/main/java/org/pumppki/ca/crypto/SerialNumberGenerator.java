package org.pumppki.ca.crypto;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * Random certificate serial numbers: 127 bits from a CSPRNG, positive and non-zero, so the DER
 * INTEGER is at most 16 octets (RFC 5280 §4.1.2.2 allows 20) and carries far more than the 64 random
 * bits the CA/Browser Forum asks for. Uniqueness per CA is the store's job (a database constraint);
 * at 127 bits a collision is practically impossible, but the store still checks.
 */
public final class SerialNumberGenerator {

    /** RFC 5280 §4.1.2.2: conforming CAs must not use serial numbers longer than 20 octets. */
    public static final int MAX_SERIAL_OCTETS = 20;

    private static final int RANDOM_BYTES = 16;

    private final SecureRandom random;

    public SerialNumberGenerator(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    public BigInteger next() {
        byte[] bytes = new byte[RANDOM_BYTES];
        BigInteger serial;
        do {
            random.nextBytes(bytes);
            // Clearing the top bit keeps the DER INTEGER positive without a leading zero octet.
            bytes[0] &= 0x7f;
            serial = new BigInteger(1, bytes);
        } while (serial.signum() == 0);
        return serial;
    }

    /**
     * Checks a serial number supplied from elsewhere (an imported certificate, a test).
     *
     * @throws IllegalArgumentException if not positive or longer than 20 octets in DER
     */
    public static BigInteger requireValid(BigInteger serial) {
        Objects.requireNonNull(serial, "serial");
        if (serial.signum() <= 0) {
            throw new IllegalArgumentException("Certificate serial numbers must be positive");
        }
        if (serial.toByteArray().length > MAX_SERIAL_OCTETS) {
            throw new IllegalArgumentException("Certificate serial numbers must fit in " + MAX_SERIAL_OCTETS + " octets");
        }
        return serial;
    }
}
