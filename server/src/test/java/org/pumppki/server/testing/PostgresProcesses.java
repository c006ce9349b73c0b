package org.pumppki.server.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * The PostgreSQL processes working on a data directory, as {@code ps} would list them. An exited
 * postmaster may linger as a zombie until PID 1 reaps it; it no longer runs, holds no files and no
 * port, so it does not count ({@link ProcessHandle#isAlive()} would count it).
 */
public final class PostgresProcesses {

    private PostgresProcesses() {
    }

    /** The running postgres processes whose command line names {@code databaseDirectory}. */
    public static List<ProcessHandle> runningOn(Path databaseDirectory) {
        String marker = databaseDirectory.toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains("/postgres ") && c.contains(marker)).orElse(false))
                .filter(PostgresProcesses::running)
                .toList();
    }

    /** Whether the process exists and has not exited. */
    public static boolean running(ProcessHandle process) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"), StandardCharsets.US_ASCII);
            int end = stat.lastIndexOf(')');
            char state = stat.charAt(end + 2);
            return state != 'Z' && state != 'X';
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            return process.isAlive();
        }
    }
}
