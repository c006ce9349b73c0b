package org.pumppki.server;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * PostgreSQL 17 run by PumpPKI itself, with its files in a directory that survives restarts. It
 * listens on the loopback interface only, on a port chosen at start, and writes durably: issued
 * certificates must survive a crash, so fsync and synchronous commit stay on.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    public static final String USERNAME = "postgres";
    public static final String DATABASE = "postgres";

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
    /** After pg_ctl's own five seconds of fast shutdown, how long the postmaster may take to exit. */
    private static final Duration FAST_SHUTDOWN_GRACE = Duration.ofSeconds(1);
    private static final Duration IMMEDIATE_SHUTDOWN_TIMEOUT = Duration.ofSeconds(3);
    /** A stale server has no clients left; its fast shutdown is its shutdown checkpoint. */
    private static final Duration STALE_FAST_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

    private final EmbeddedPostgres postgres;
    private final Optional<Postmaster> postmaster;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Optional<Postmaster> postmaster) {
        this.postgres = postgres;
        this.postmaster = postmaster;
    }

    /** Starts PostgreSQL on {@code directory}, running initdb first if the directory is new. */
    public static EmbeddedDatabase start(Path directory) {
        return start(directory, 0);
    }

    /** As {@link #start(Path)}, on the given port; 0 picks a free one. */
    public static EmbeddedDatabase start(Path directory, int port) {
        try {
            Files.createDirectories(directory);
            stopStaleServer(directory);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            if (port > 0) {
                builder.setPort(port);
            }
            EmbeddedPostgres postgres = builder
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("max_connections", "100")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            return new EmbeddedDatabase(postgres, Postmaster.of(directory));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the embedded PostgreSQL in " + directory, e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + DATABASE;
    }

    /**
     * Stops PostgreSQL and returns once its postmaster has exited: a fast shutdown (sessions ended,
     * a shutdown checkpoint written) by {@code pg_ctl}, checked against the process itself; if it
     * is still running, an immediate shutdown (the next start recovers from the WAL, as after a
     * crash), and as a last resort SIGKILL, each said in the log.
     */
    @Override
    public void close() {
        try {
            // pg_ctl stop -m fast -t 5 -w; if it fails the library logs why, and the postmaster is still running below.
            postgres.close();
        } catch (IOException e) {
            LOG.warnf("pg_ctl could not stop the embedded PostgreSQL: %s", e.getMessage());
        }
        if (postmaster.isPresent() && !postmaster.get().stop(false, FAST_SHUTDOWN_GRACE, IMMEDIATE_SHUTDOWN_TIMEOUT)) {
            throw new IllegalStateException("The embedded PostgreSQL (pid " + postmaster.get().pid() + ") did not stop");
        }
    }

    /**
     * A server left running by a process that was killed (SIGKILL, power loss of the JVM only)
     * still holds the data directory; stop it so that this start can proceed.
     */
    private static void stopStaleServer(Path directory) throws IOException {
        Optional<Postmaster> server = Postmaster.of(directory);
        if (server.isEmpty()) {
            return;
        }
        LOG.warnf("A PostgreSQL server (pid %d) from an earlier run still holds %s; stopping it",
                server.get().pid(), directory);
        if (!server.get().stop(true, STALE_FAST_SHUTDOWN_TIMEOUT, IMMEDIATE_SHUTDOWN_TIMEOUT)) {
            throw new IOException("The stale PostgreSQL server (pid " + server.get().pid() + ") did not stop");
        }
    }
}
