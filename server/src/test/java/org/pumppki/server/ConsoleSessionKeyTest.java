package org.pumppki.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsoleSessionKeyTest {

    @TempDir
    Path dataDir;

    @Test
    void isGeneratedOnceIntoTheDataDirectoryReadableByItsOwnerOnly() throws Exception {
        Path file = dataDir.resolve(ConsoleSessionKey.FILE_NAME);
        String key = ConsoleSessionKey.readOrGenerate(file);
        assertEquals(32, Base64.getDecoder().decode(key).length);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(key, ConsoleSessionKey.readOrGenerate(file), "a restart keeps the sessions' key");
        assertNotEquals(key, ConsoleSessionKey.readOrGenerate(dataDir.resolve("other").resolve(ConsoleSessionKey.FILE_NAME)));
        assertTrue(key.length() > 16, "Quarkus needs more than 16 characters");
    }
}
