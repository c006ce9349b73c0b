package org.pumppki.server;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The embedded postmaster is not this JVM's child: once it exits it stays a zombie until its
 * adoptive parent reaps it. Such a process has stopped, although {@link ProcessHandle} calls it
 * alive; waiting for the reaping made a stopped server hang the JVM's exit (issue 15).
 */
class PostmasterTest {

    @Test
    void anExitedProcessNobodyHasReapedYetHasStopped() throws Exception {
        // sh starts a short sleep and turns into a long one, which never reaps the short one.
        Process parent = new ProcessBuilder("sh", "-c", "sleep 0.1 & echo $!; exec sleep 60").start();
        try {
            long pid = Long.parseLong(new BufferedReader(new InputStreamReader(parent.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine().trim());
            ProcessHandle child = ProcessHandle.of(pid).orElseThrow();
            Postmaster postmaster = Postmaster.of(child, Path.of("unused"));

            assertTrue(postmaster.awaitExit(Duration.ofSeconds(30)), "the short sleep has ended");
            assertFalse(postmaster.running());
            assertTrue(child.isAlive(), "ProcessHandle still counts the zombie as alive");
        } finally {
            parent.destroyForcibly();
        }
    }

    @Test
    void aRunningProcessIsRunningUntilItEnds() throws Exception {
        Process process = new ProcessBuilder("sleep", "60").start();
        Postmaster postmaster = Postmaster.of(process.toHandle(), Path.of("unused"));
        assertTrue(postmaster.running());
        assertFalse(postmaster.awaitExit(Duration.ofMillis(100)));

        process.destroy();
        assertTrue(postmaster.awaitExit(Duration.ofSeconds(30)));
    }
}
