package org.pumppki.ca.keys;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MasterKeyTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path dir;

    @Test
    void sameBytesGiveSameFingerprintAndOtherBytesAnother() {
        byte[] bytes = randomBytes(32);
        String encoded = Base64.getEncoder().encodeToString(bytes);

        MasterKey key = MasterKey.fromBase64(encoded);

        assertEquals(key.fingerprint(), MasterKey.fromBase64(encoded).fingerprint());
        assertNotEquals(key.fingerprint(), MasterKey.fromBase64(base64OfRandomBytes(32)).fingerprint());
        assertEquals(MasterKey.CHECK_VALUE_LENGTH * 2, key.fingerprint().length());
    }

    @Test
    void surroundingWhitespaceOfEnvironmentValuesAndFilesIsIgnored() {
        String encoded = base64OfRandomBytes(32);

        assertEquals(MasterKey.fromBase64(encoded).fingerprint(),
                MasterKey.fromBase64("  " + encoded + "\r\n").fingerprint());
    }

    @Test
    void toStringShowsTheFingerprintButNeverTheKeyBytes() {
        byte[] bytes = randomBytes(32);
        MasterKey key = MasterKey.fromBase64(Base64.getEncoder().encodeToString(bytes));

        String text = key.toString();

        assertTrue(text.contains(key.fingerprint()), text);
        assertFalse(text.contains(Base64.getEncoder().encodeToString(bytes)), text);
        assertFalse(text.toLowerCase().contains(HexFormat.of().formatHex(bytes, 0, 4)), text);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            ''                                              | The master key is empty
            '   '                                           | The master key is empty
            'this is not base64!'                           | The master key is not valid base64
            'AAECAwQFBgcICQoLDA0ODw=='                      | The master key decodes to 16 bytes
            'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8g'  | The master key decodes to 33 bytes
            """)
    void rejectsValuesThatAreNotBase64Of32Bytes(String value, String expectedStart) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MasterKey.fromBase64(value));

        assertTrue(e.getMessage().startsWith(expectedStart), e.getMessage());
        assertTrue(e.getMessage().contains("base64 of exactly 32 random bytes"), e.getMessage());
    }

    @Test
    void errorMessagesNeverRepeatTheRejectedValue() {
        String almostAKey = base64OfRandomBytes(31);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MasterKey.fromBase64(almostAKey));

        assertFalse(e.getMessage().contains(almostAKey), e.getMessage());
    }

    @Test
    void rejectsNull() {
        assertThrows(IllegalArgumentException.class, () -> MasterKey.fromBase64(null));
    }

    @Test
    void generatedFileIsOwnerOnlyAndReadsBackAsTheSameKey() throws IOException {
        Path file = dir.resolve("master.key");

        MasterKey generated = MasterKey.generateFile(file, RANDOM);

        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(file));
        assertEquals(generated.fingerprint(), MasterKey.fromFile(file).fingerprint());
        String content = Files.readString(file, US_ASCII);
        assertEquals(32, Base64.getDecoder().decode(content.strip()).length);
        assertTrue(content.endsWith("\n"));
    }

    @Test
    void generatingNeverOverwritesAnExistingFile() throws IOException {
        Path file = dir.resolve("master.key");
        MasterKey first = MasterKey.generateFile(file, RANDOM);
        byte[] before = Files.readAllBytes(file);

        assertThrows(FileAlreadyExistsException.class, () -> MasterKey.generateFile(file, RANDOM));

        assertArrayEquals(before, Files.readAllBytes(file));
        assertEquals(first.fingerprint(), MasterKey.fromFile(file).fingerprint());
    }

    @Test
    void fileErrorsNameTheFile() throws IOException {
        Path file = Files.writeString(dir.resolve("master.key"), "not a key\n", US_ASCII);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MasterKey.fromFile(file));

        assertTrue(e.getMessage().startsWith("The master key in " + file + " is not valid base64"), e.getMessage());
    }

    @Test
    void missingFileIsAnIoError() {
        assertThrows(NoSuchFileException.class, () -> MasterKey.fromFile(dir.resolve("absent.key")));
    }

    private static String base64OfRandomBytes(int length) {
        return Base64.getEncoder().encodeToString(randomBytes(length));
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
