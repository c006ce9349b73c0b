package org.pumppki.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pumppki.server.testing.PostgresProcesses;

/** The embedded PostgreSQL's stop when the fast shutdown cannot finish. */
class EmbeddedDatabaseStopIT {

    @TempDir
    Path workDir;

    @Test
    void aPostmasterThatDoesNotCompleteAFastShutdownIsStoppedAnywayAndTheNextStartRecovers() throws Exception {
        Path directory = workDir.resolve("postgres");
        EmbeddedDatabase database = EmbeddedDatabase.start(directory);
        long pid = Long.parseLong(Files.readAllLines(directory.resolve("postmaster.pid")).get(0).trim());
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
        try (Connection connection = database.connect(database.superuser());
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE survivor (id int PRIMARY KEY)");
            statement.execute("INSERT INTO survivor VALUES (1)");
        }
        // A stopped postmaster takes no signal but KILL: the fast and the immediate shutdown both go unanswered.
        Process stop = new ProcessBuilder("kill", "-s", "STOP", Long.toString(pid)).start();
        assertTrue(stop.waitFor(10, TimeUnit.SECONDS) && stop.exitValue() == 0);

        database.close();

        assertFalse(PostgresProcesses.running(postmaster), "the postmaster was killed");
        EmbeddedDatabase restarted = EmbeddedDatabase.start(directory);
        try (Connection connection = restarted.connect(restarted.superuser());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM survivor")) {
            rows.next();
            assertEquals(1, rows.getInt(1), "committed data survives the forced stop");
        } finally {
            restarted.close();
        }
        assertEquals(0, PostgresProcesses.runningOn(directory).size());
    }
}
