package org.pumppki.server;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded PostgreSQL lets no one in without a password, and the application not as its owner. */
class EmbeddedDatabaseSecurityTest {

    @TempDir
    Path workDir;

    @Test
    void aNewClusterAsksEveryClientForAPasswordAndListensOnLoopbackOnly() throws Exception {
        Path directory = workDir.resolve("postgres");
        try (EmbeddedDatabase database = EmbeddedDatabase.start(directory)) {
            Path credentials = workDir.resolve("postgres.credentials");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials)));
            assertThat(Files.readString(directory.resolve("pg_hba.conf")), not(containsString("trust")));

            assertThrows(SQLException.class, () -> DriverManager.getConnection(database.jdbcUrl(), "postgres", null).close());
            assertThrows(SQLException.class, () -> DriverManager.getConnection(database.jdbcUrl(), "postgres", "guess").close());
            assertThrows(SQLException.class, () -> DriverManager.getConnection(
                    database.jdbcUrl(), "postgres", database.application().password()).close());

            try (Connection superuser = database.connect(database.superuser()); Statement sql = superuser.createStatement()) {
                assertEquals("127.0.0.1", single(sql, "SHOW listen_addresses"));
                for (DatabaseLogin login : new DatabaseLogin[] {database.superuser(), database.application()}) {
                    assertThat(single(sql, "SELECT rolpassword FROM pg_authid WHERE rolname = '" + login.username() + "'"),
                            startsWith("SCRAM-SHA-256$"));
                }
            }
        }
    }

    @Test
    void theApplicationRoleIsNeitherSuperuserNorAbleToReachTheFileSystem() throws Exception {
        try (EmbeddedDatabase database = EmbeddedDatabase.start(workDir.resolve("postgres"));
                Connection application = database.connect(database.application());
                Statement sql = application.createStatement()) {
            assertEquals("pumppki", single(sql, "SELECT current_user"));
            assertEquals("off", single(sql, "SHOW is_superuser"));
            assertThrows(SQLException.class, () -> sql.execute("COPY (SELECT 1) TO PROGRAM 'true'"));
            assertThrows(SQLException.class, () -> sql.execute("CREATE ROLE intruder SUPERUSER"));
        }
    }

    @Test
    void theSamePasswordsOpenItAfterARestartAndWithoutThemItDoesNotStart() throws Exception {
        Path directory = workDir.resolve("postgres");
        try (EmbeddedDatabase database = EmbeddedDatabase.start(directory);
                Connection connection = database.connect(database.superuser());
                Statement sql = connection.createStatement()) {
            sql.execute("CREATE TABLE kept (id int)");
        }
        try (EmbeddedDatabase restarted = EmbeddedDatabase.start(directory);
                Connection connection = restarted.connect(restarted.superuser());
                Statement sql = connection.createStatement()) {
            assertEquals("0", single(sql, "SELECT count(*) FROM kept"));
        }

        Files.delete(workDir.resolve("postgres.credentials"));
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> EmbeddedDatabase.start(directory));
        assertThat(refused.getMessage(), containsString("postgres.credentials"));
    }

    @Test
    void aClusterThatTrustedLocalClientsIsConvertedToPasswordsAndKeepsItsData() throws Exception {
        Path directory = workDir.resolve("postgres");
        try (EmbeddedPostgres trusting = EmbeddedPostgres.builder()
                .setPgBinaryResolver(BundledPostgres.INSTANCE)
                .setOverrideWorkingDirectory(BundledPostgres.workingDirectory().toFile())
                .setDataDirectory(directory)
                .setCleanDataDirectory(false)
                .start();
                Connection connection = trusting.getPostgresDatabase().getConnection();
                Statement sql = connection.createStatement()) {
            sql.execute("CREATE TABLE kept (id int)");
            sql.execute("INSERT INTO kept VALUES (7)");
        }
        assertTrue(PasswordAuthentication.trustsClients(directory), "made as earlier versions made it");

        try (EmbeddedDatabase database = EmbeddedDatabase.start(directory)) {
            assertFalse(PasswordAuthentication.trustsClients(directory));
            assertThrows(SQLException.class, () -> DriverManager.getConnection(database.jdbcUrl(), "postgres", null).close());
            try (Connection connection = database.connect(database.superuser()); Statement sql = connection.createStatement()) {
                assertEquals("7", single(sql, "SELECT id FROM kept"));
            }
            database.connect(database.application()).close();
        }
    }

    private static String single(Statement sql, String query) throws SQLException {
        try (ResultSet result = sql.executeQuery(query)) {
            assertTrue(result.next(), query);
            return result.getString(1);
        }
    }
}
