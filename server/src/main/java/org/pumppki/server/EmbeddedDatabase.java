package org.pumppki.server;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * PostgreSQL 17 run by PumpPKI itself, with its files in a directory that survives restarts. It
 * listens on the loopback interface only, on a port chosen at start, asks every client for a
 * password, and writes durably: issued certificates must survive a crash, so fsync and synchronous
 * commit stay on. Two roles: the superuser, which migrates the schema and owns it, and the
 * application's role, which owns nothing (see {@link ApplicationRole}); their passwords are in
 * {@code <directory>.credentials}, readable by the owner only.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    public static final String DATABASE = "postgres";

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
    /** After pg_ctl's own five seconds of fast shutdown, how long the postmaster may take to exit. */
    private static final Duration FAST_SHUTDOWN_GRACE = Duration.ofSeconds(1);
    private static final Duration IMMEDIATE_SHUTDOWN_TIMEOUT = Duration.ofSeconds(3);
    /** A stale server has no clients left; its fast shutdown is its shutdown checkpoint. */
    private static final Duration STALE_FAST_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

    private final EmbeddedPostgres postgres;
    private final Optional<Postmaster> postmaster;
    private final EmbeddedCredentials credentials;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Optional<Postmaster> postmaster, EmbeddedCredentials credentials) {
        this.postgres = postgres;
        this.postmaster = postmaster;
        this.credentials = credentials;
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
            boolean fresh = !Files.exists(directory.resolve("postgresql.conf"));
            boolean trusting = !fresh && PasswordAuthentication.trustsClients(directory);
            EmbeddedCredentials credentials = credentials(directory, fresh || trusting);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPgBinaryResolver(BundledPostgres.INSTANCE)
                    .setOverrideWorkingDirectory(BundledPostgres.workingDirectory().toFile())
                    .setConnectConfig("password", credentials.superuser().password());
            if (fresh) {
                builder.setDataDirectoryCustomizer(
                        dir -> PasswordAuthentication.reinitialize(dir.toPath(), credentials.superuser()));
            }
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
            EmbeddedDatabase database = new EmbeddedDatabase(postgres, Postmaster.of(directory), credentials);
            database.secure(directory, trusting);
            return database;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the embedded PostgreSQL in " + directory, e);
        }
    }

    /**
     * The passwords for this directory: new ones for a new cluster or one that still trusts its
     * clients, otherwise the ones it was set up with, without which it cannot be opened.
     */
    private static EmbeddedCredentials credentials(Path directory, boolean generate) {
        Path file = EmbeddedCredentials.fileFor(directory);
        if (generate) {
            return EmbeddedCredentials.generate(file);
        }
        if (!EmbeddedCredentials.exist(file)) {
            throw new IllegalStateException("The embedded PostgreSQL in " + directory + " requires passwords, but "
                    + file + " is missing; restore it from the backup of the data directory");
        }
        return EmbeddedCredentials.load(file);
    }

    /** Converts a cluster of an earlier version from trust to passwords, and keeps the application role right. */
    private void secure(Path directory, boolean trusting) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            if (trusting) {
                LOG.warnf("The embedded PostgreSQL in %s let local clients in without a password; "
                        + "it now requires passwords (kept in %s)", directory, EmbeddedCredentials.fileFor(directory));
                try (Statement statement = connection.createStatement()) {
                    statement.execute("ALTER ROLE " + credentials.superuser().username() + " WITH PASSWORD '"
                            + credentials.superuser().password() + "'");
                    PasswordAuthentication.writeClientAuthentication(directory);
                    statement.execute("SELECT pg_reload_conf()");
                }
            }
            ApplicationRole.ensure(connection, credentials.application());
        } catch (SQLException e) {
            close();
            throw new IllegalStateException("Cannot set up the roles of the embedded PostgreSQL in " + directory, e);
        }
    }

    /** The superuser: owns the schema and runs the migrations. */
    public DatabaseLogin superuser() {
        return credentials.superuser();
    }

    /** The role the application runs as. */
    public DatabaseLogin application() {
        return credentials.application();
    }

    /** A new connection to this database as {@code login}. */
    public Connection connect(DatabaseLogin login) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), login.username(), login.password());
    }

    /** The application on this database, migrating as the superuser. */
    public DatasourceSettings datasourceSettings() {
        return new DatasourceSettings(jdbcUrl(), Optional.of(application()), Optional.of(superuser()));
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
