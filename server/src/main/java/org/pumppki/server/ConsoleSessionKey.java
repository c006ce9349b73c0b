package org.pumppki.server;

import io.smallrye.config.SmallRyeConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;

/**
 * The key that encrypts console session cookies: {@code pki.console.session-key} when configured
 * (replicas share it), otherwise one generated once into the data directory, so that sessions
 * survive a restart. Never a key written into the code.
 */
final class ConsoleSessionKey {

    static final String PROPERTY = "pki.console.session-key";
    static final String FILE_NAME = "console-session.key";
    /** 32 random bytes, base64: longer than the 16 characters Quarkus requires. */
    private static final int KEY_BYTES = 32;

    private ConsoleSessionKey() {
    }

    /** Makes the key available to the configuration before Quarkus starts. */
    static void provide(SmallRyeConfig config, Path dataDir) {
        boolean configured = config.getOptionalValue(PROPERTY, String.class).filter(k -> !k.isBlank()).isPresent();
        if (!configured) {
            System.setProperty(PROPERTY, readOrGenerate(dataDir.resolve(FILE_NAME)));
        }
    }

    static String readOrGenerate(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                generate(file);
            }
            return Files.readString(file, StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the console session key " + file, e);
        }
    }

    private static void generate(Path file) throws IOException {
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        byte[] line = (Base64.getEncoder().encodeToString(key) + "\n").getBytes(StandardCharsets.US_ASCII);
        try (FileChannel channel = FileChannel.open(file, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        } catch (FileAlreadyExistsException anotherReplicaWasFirst) {
            // A replica sharing the data directory wrote it first: use that one.
        }
    }
}
