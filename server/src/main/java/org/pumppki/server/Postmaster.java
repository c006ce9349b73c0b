package org.pumppki.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The postmaster of the embedded PostgreSQL, seen from outside: a process this JVM did not start
 * itself ({@code pg_ctl} did, and left it to be adopted by PID 1), which PostgreSQL stops on
 * signals: INT for a fast shutdown, QUIT for an immediate one.
 *
 * <p>Whether it still runs is read from {@code /proc}, not from {@link ProcessHandle#isAlive()}:
 * an exited postmaster stays a zombie until its adoptive parent reaps it, which the JVM cannot
 * do and which may take long or never happen, and {@link ProcessHandle} counts a zombie as alive
 * (its {@code onExit()} completes only once the zombie is reaped).
 */
final class Postmaster {

    private static final Logger LOG = Logger.getLogger(Postmaster.class);
    private static final Duration POLL = Duration.ofMillis(50);

    private final ProcessHandle process;
    private final Path dataDirectory;

    private Postmaster(ProcessHandle process, Path dataDirectory) {
        this.process = process;
        this.dataDirectory = dataDirectory;
    }

    /** The running postgres process named by {@code postmaster.pid} in the data directory, if any. */
    static Optional<Postmaster> of(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        return lines.isEmpty() ? Optional.empty() : parsePid(lines.get(0))
                .flatMap(ProcessHandle::of)
                .filter(Postmaster::isPostgres)
                .map(process -> new Postmaster(process, dataDirectory))
                .filter(Postmaster::running);
    }

    /** The process as the postmaster of {@code dataDirectory}, for tests of how it is told apart from an exited one. */
    static Postmaster of(ProcessHandle process, Path dataDirectory) {
        return new Postmaster(process, dataDirectory);
    }

    long pid() {
        return process.pid();
    }

    /** Whether the process exists and has not exited; a zombie has exited. */
    boolean running() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"), StandardCharsets.US_ASCII);
            // pid (command) state ...: the command may contain spaces and parentheses.
            int end = stat.lastIndexOf(')');
            return end > 0 && end + 2 < stat.length() && stat.charAt(end + 2) != 'Z' && stat.charAt(end + 2) != 'X';
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            return process.isAlive();
        }
    }

    /** Waits at most {@code timeout} for the process to end; whether it did. */
    boolean awaitExit(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (running()) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !running();
            }
        }
        return true;
    }

    /**
     * Makes sure the postmaster ends: waits {@code fastTimeout} for a shutdown already asked for
     * (or asks for a fast one itself if {@code requestFast}), then asks for an immediate shutdown,
     * then kills it. Says in the log whenever it has to go further than a fast shutdown.
     *
     * @return whether it ended
     */
    boolean stop(boolean requestFast, Duration fastTimeout, Duration immediateTimeout) {
        if (requestFast) {
            signal("INT");
        }
        if (awaitExit(fastTimeout)) {
            return true;
        }
        LOG.warnf("The embedded PostgreSQL (pid %d) did not complete a fast shutdown in time; stopping it with an "
                + "immediate shutdown (the next start recovers from the write-ahead log)", pid());
        signal("QUIT");
        if (awaitExit(immediateTimeout)) {
            LOG.infof("The embedded PostgreSQL (pid %d) stopped after an immediate shutdown", pid());
            return true;
        }
        LOG.warnf("The embedded PostgreSQL (pid %d) did not stop within %s of an immediate shutdown; killing it",
                pid(), immediateTimeout);
        process.destroyForcibly();
        if (!awaitExit(immediateTimeout)) {
            return false;
        }
        removeLockFile();
        return true;
    }

    /**
     * A killed postmaster leaves its {@code postmaster.pid}, and while it is an unreaped zombie
     * its pid still answers {@code kill -0}: PostgreSQL would take the file for a live server's and
     * refuse to start. It is known dead here, so the file goes, as PostgreSQL removes a stale one.
     */
    private void removeLockFile() {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        try {
            List<String> lines = Files.isRegularFile(pidFile) ? Files.readAllLines(pidFile) : List.of();
            if (!lines.isEmpty() && parsePid(lines.get(0)).filter(p -> p == pid()).isPresent()) {
                Files.delete(pidFile);
            }
        } catch (IOException e) {
            LOG.warnf("Cannot remove %s of the killed PostgreSQL: %s", pidFile, e.getMessage());
        }
    }

    /** ProcessHandle sends only TERM (a smart shutdown, which waits for clients) and KILL. */
    private void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-s", signal, Long.toString(pid())).redirectErrorStream(true).start();
            if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                LOG.warnf("kill -s %s %d failed: %s", signal, pid(),
                        new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
            }
        } catch (IOException e) {
            LOG.warnf("Cannot send SIG%s to PostgreSQL (pid %d): %s", signal, pid(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
