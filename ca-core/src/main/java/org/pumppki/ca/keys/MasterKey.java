package org.pumppki.ca.keys;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 key that wraps soft CA private keys.
 *
 * <p>Its external form is base64 of exactly 32 random bytes, the same in an environment variable, a
 * Kubernetes secret or a key file, so an operator can move it between them unchanged. The key bytes
 * are never printed: {@link #toString()} and error messages show only the {@link #fingerprint()},
 * which is enough to tell two master keys apart.
 */
public final class MasterKey {

    /** Length of the key in bytes (AES-256). */
    public static final int LENGTH_BYTES = 32;

    /** Length of the check value stored in every wrapped key blob. */
    static final int CHECK_VALUE_LENGTH = 8;

    private static final String EXPECTED =
            "expected base64 of exactly 32 random bytes, e.g. the output of 'openssl rand -base64 32'";
    private static final byte[] CHECK_VALUE_LABEL = "PumpPKI master key check value".getBytes(US_ASCII);

    private final SecretKey key;
    private final byte[] checkValue;

    private MasterKey(byte[] keyBytes) {
        this.key = new SecretKeySpec(keyBytes, "AES");
        this.checkValue = computeCheckValue(keyBytes);
    }

    /**
     * Reads a master key from its base64 form (surrounding whitespace, such as the newline of a
     * secret file, is ignored).
     *
     * @throws IllegalArgumentException if the value is empty, not base64 or not 32 bytes long; the
     *     message never repeats the value
     */
    public static MasterKey fromBase64(String encoded) {
        if (encoded == null) {
            throw new IllegalArgumentException("The master key is empty; " + EXPECTED);
        }
        return decode(encoded.getBytes(US_ASCII), "The master key");
    }

    /**
     * Reads a master key file as written by {@link #generateFile(Path, SecureRandom)} or by an
     * operator: the base64 form, optionally followed by a newline.
     *
     * @throws IllegalArgumentException if the content is not a valid master key
     * @throws IOException if the file cannot be read
     */
    public static MasterKey fromFile(Path file) throws IOException {
        byte[] content = Files.readAllBytes(file);
        try {
            return decode(content, "The master key in " + file);
        } finally {
            Arrays.fill(content, (byte) 0);
        }
    }

    /**
     * Generates a new master key into a file that did not exist before, readable and writable by
     * its owner only (mode 600).
     *
     * <p>The file is created with its final permissions in the same system call that creates it, so
     * there is no moment in which another user could open it. An existing file is never replaced:
     * it may hold the only copy of the key the stored CA keys were wrapped with.
     *
     * @throws java.nio.file.FileAlreadyExistsException if the file exists
     * @throws UnsupportedOperationException if the file system has no POSIX permissions
     * @throws IOException if the file cannot be written; a partly written file is removed
     */
    public static MasterKey generateFile(Path file, SecureRandom random) throws IOException {
        byte[] keyBytes = new byte[LENGTH_BYTES];
        random.nextBytes(keyBytes);
        byte[] encoded = Base64.getEncoder().encode(keyBytes);
        byte[] line = Arrays.copyOf(encoded, encoded.length + 1);
        line[encoded.length] = '\n';
        boolean created = false;
        try (FileChannel channel = FileChannel.open(file,
                EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
            created = true;
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            // The key is useless if it is lost in a crash after CA keys were wrapped with it.
            channel.force(true);
            return new MasterKey(keyBytes);
        } catch (IOException | RuntimeException e) {
            if (created) {
                Files.deleteIfExists(file);
            }
            throw e;
        } finally {
            Arrays.fill(keyBytes, (byte) 0);
            Arrays.fill(encoded, (byte) 0);
            Arrays.fill(line, (byte) 0);
        }
    }

    /**
     * A short, non-secret identifier of this key (hex of a keyed hash of a fixed label). Safe to
     * log and show to operators; it reveals nothing about the key bytes.
     */
    public String fingerprint() {
        return HexFormat.of().formatHex(checkValue);
    }

    @Override
    public String toString() {
        return "MasterKey[fingerprint=" + fingerprint() + "]";
    }

    SecretKey secretKey() {
        return key;
    }

    byte[] checkValue() {
        return checkValue.clone();
    }

    boolean hasCheckValue(byte[] candidate) {
        return MessageDigest.isEqual(checkValue, candidate);
    }

    private static MasterKey decode(byte[] base64, String source) {
        byte[] trimmed = trimAsciiWhitespace(base64);
        byte[] keyBytes = null;
        try {
            if (trimmed.length == 0) {
                throw new IllegalArgumentException(source + " is empty; " + EXPECTED);
            }
            try {
                keyBytes = Base64.getDecoder().decode(trimmed);
            } catch (IllegalArgumentException e) {
                // The decoder's message quotes the offending character; keep key material out of logs.
                throw new IllegalArgumentException(source + " is not valid base64; " + EXPECTED);
            }
            if (keyBytes.length != LENGTH_BYTES) {
                throw new IllegalArgumentException(
                        source + " decodes to " + keyBytes.length + " bytes; " + EXPECTED);
            }
            return new MasterKey(keyBytes);
        } finally {
            Arrays.fill(trimmed, (byte) 0);
            if (keyBytes != null) {
                Arrays.fill(keyBytes, (byte) 0);
            }
        }
    }

    private static byte[] trimAsciiWhitespace(byte[] bytes) {
        int start = 0;
        int end = bytes.length;
        while (start < end && bytes[start] <= ' ') {
            start++;
        }
        while (end > start && bytes[end - 1] <= ' ') {
            end--;
        }
        return Arrays.copyOfRange(bytes, start, end);
    }

    private static byte[] computeCheckValue(byte[] keyBytes) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(keyBytes, "HmacSHA256"));
            byte[] digest = mac.doFinal(CHECK_VALUE_LABEL);
            byte[] value = Arrays.copyOf(digest, CHECK_VALUE_LENGTH);
            Arrays.fill(digest, (byte) 0);
            return value;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java runtime", e);
        }
    }
}
