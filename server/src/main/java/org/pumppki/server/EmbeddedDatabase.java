package org.pumppki.server;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final EmbeddedPostgres postgres;
    private final Optional<ProcessHandle> postmaster;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Optional<ProcessHandle> postmaster) {
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
            return new EmbeddedDatabase(postgres, runningPostmaster(directory));
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

    /** Stops PostgreSQL and waits until its postmaster process has exited. */
    @Override
    public void close() {
        try {
            postgres.close();
            // pg_ctl returns once the pid file is gone, a moment before the process itself ends.
            if (postmaster.isPresent()) {
                postmaster.get().onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot stop the embedded PostgreSQL", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("The embedded PostgreSQL did not exit within " + STOP_TIMEOUT, e);
        }
    }

    /**
     * A server left running by a process that was killed (SIGKILL, power loss of the JVM only)
     * still holds the data directory; stop it so that this start can proceed.
     */
    private static void stopStaleServer(Path directory) throws IOException {
        Optional<ProcessHandle> server = runningPostmaster(directory);
        if (server.isEmpty()) {
            return;
        }
        LOG.warnf("A PostgreSQL server (pid %d) from an earlier run still holds %s; stopping it",
                server.get().pid(), directory);
        server.get().destroy();
        try {
            server.get().onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while stopping the stale PostgreSQL server", e);
        } catch (Exception e) {
            throw new IOException("The stale PostgreSQL server (pid " + server.get().pid() + ") did not stop", e);
        }
    }

    /** The live postgres process named by the directory's {@code postmaster.pid}, if any. */
    private static Optional<ProcessHandle> runningPostmaster(Path directory) throws IOException {
        Path pidFile = directory.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        return lines.isEmpty() ? Optional.empty() : parsePid(lines.get(0))
                .flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(EmbeddedDatabase::isPostgres);
    }

    private static Optional<Long> parsePid(String line) {
        try {
            return Optional.of(Long.parseLong(line.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean isPostgres(ProcessHandle process) {
        return process.info().command().map(command -> command.endsWith("/postgres")).orElse(false);
    }
}
