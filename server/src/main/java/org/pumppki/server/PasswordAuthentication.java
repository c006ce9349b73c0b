package org.pumppki.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Makes the embedded PostgreSQL ask every client for a password (SCRAM-SHA-256) and accept
 * connections from this machine only. The library it is started with initialises clusters that
 * trust every local connection; PumpPKI initialises them again with a superuser password before
 * they ever start, and converts clusters made that way by earlier versions.
 */
final class PasswordAuthentication {

    private static final Logger LOG = Logger.getLogger(PasswordAuthentication.class);

    static final String PG_HBA = """
            # Written by PumpPKI. Every connection authenticates with a password (SCRAM-SHA-256), over
            # the loopback interface or the server's own socket only; no replication connections.
            # TYPE  DATABASE  USER  ADDRESS        METHOD
            local   all       all                  scram-sha-256
            host    all       all   127.0.0.1/32   scram-sha-256
            host    all       all   ::1/128        scram-sha-256
            """;

    private static final Pattern TRUST = Pattern.compile("^\\s*(local|host\\w*)\\s.*\\btrust\\s*$", Pattern.MULTILINE);

    private PasswordAuthentication() {
    }

    /** Whether the cluster in {@code dataDirectory} lets some client in without a password. */
    static boolean trustsClients(Path dataDirectory) {
        try {
            return TRUST.matcher(Files.readString(dataDirectory.resolve("pg_hba.conf"), StandardCharsets.UTF_8)).find();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the PostgreSQL client authentication file", e);
        }
    }

    /**
     * Replaces a cluster the library has just created (and not yet started) by one made with
     * {@code initdb -A scram-sha-256}, whose superuser has {@code superuser}'s password.
     */
    static void reinitialize(Path dataDirectory, DatabaseLogin superuser) {
        Path passwordFile = null;
        try {
            emptyDirectory(dataDirectory);
            passwordFile = Files.createTempFile(dataDirectory.toAbsolutePath().getParent(), ".pgpass", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(passwordFile, superuser.password() + "\n", StandardCharsets.UTF_8);
            List<String> command = new ArrayList<>(BundledPostgres.INSTANCE.command("initdb"));
            command.addAll(List.of("-A", "scram-sha-256", "-U", superuser.username(), "--pwfile=" + passwordFile,
                    "-D", dataDirectory.toString(), "-E", "UTF-8"));
            run(command);
            writeClientAuthentication(dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot initialise the embedded PostgreSQL in " + dataDirectory, e);
        } finally {
            deleteQuietly(passwordFile);
        }
    }

    static void writeClientAuthentication(Path dataDirectory) {
        try {
            Files.writeString(dataDirectory.resolve("pg_hba.conf"), PG_HBA, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the PostgreSQL client authentication file", e);
        }
    }

    private static void run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (process.waitFor() != 0) {
                throw new IOException("initdb failed (exit " + process.exitValue() + "): " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while initdb ran", e);
        }
    }

    private static void emptyDirectory(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                if (!file.equals(directory)) {
                    Files.delete(file);
                }
            }
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.warnf("Cannot delete %s (readable by its owner only); delete it by hand: %s", file, e.getMessage());
            }
        }
    }
}
