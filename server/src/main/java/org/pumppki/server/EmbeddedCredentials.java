package org.pumppki.server;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Properties;

/**
 * The passwords of the embedded PostgreSQL's two roles, generated on first start and kept in a
 * file only the server's user can read, beside (not inside) the database directory.
 */
final class EmbeddedCredentials {

    static final String SUPERUSER = "postgres";
    static final String APPLICATION_ROLE = "pumppki";

    private static final String SUPERUSER_KEY = "superuser.password";
    private static final String APPLICATION_KEY = "application.password";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DatabaseLogin superuser;
    private final DatabaseLogin application;

    private EmbeddedCredentials(String superuserPassword, String applicationPassword) {
        this.superuser = new DatabaseLogin(SUPERUSER, superuserPassword);
        this.application = new DatabaseLogin(APPLICATION_ROLE, applicationPassword);
    }

    /** The credentials file that belongs to a database directory. */
    static Path fileFor(Path databaseDirectory) {
        return databaseDirectory.resolveSibling(databaseDirectory.getFileName() + ".credentials");
    }

    static boolean exist(Path file) {
        return Files.isRegularFile(file);
    }

    static EmbeddedCredentials load(Path file) {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the database credentials in " + file, e);
        }
        String superuser = properties.getProperty(SUPERUSER_KEY);
        String application = properties.getProperty(APPLICATION_KEY);
        if (superuser == null || application == null) {
            throw new IllegalStateException("The database credentials in " + file + " are incomplete");
        }
        return new EmbeddedCredentials(superuser, application);
    }

    /** New random passwords, written to {@code file} (owner read/write only) before they are used. */
    static EmbeddedCredentials generate(Path file) {
        EmbeddedCredentials credentials = new EmbeddedCredentials(randomPassword(), randomPassword());
        Properties properties = new Properties();
        properties.setProperty(SUPERUSER_KEY, credentials.superuser.password());
        properties.setProperty(APPLICATION_KEY, credentials.application.password());
        try {
            Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), ".credentials", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                properties.store(out, "Passwords of the embedded PostgreSQL's roles; keep this file private");
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the database credentials to " + file, e);
        }
        return credentials;
    }

    DatabaseLogin superuser() {
        return superuser;
    }

    DatabaseLogin application() {
        return application;
    }

    /** 256 random bits in hex: safe to quote in SQL and in a password file as they are. */
    private static String randomPassword() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
