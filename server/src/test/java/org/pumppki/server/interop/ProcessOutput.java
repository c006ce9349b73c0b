package org.pumppki.server.interop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The output of a long-running child process, collected line by line on a daemon thread, so that
 * a test can wait for a line to appear (an event, not a guess at how long something takes) and
 * quote the output when it fails. Lines are numbered from 0; a number taken with {@link #mark()}
 * before an action selects what the process said about that action.
 */
final class ProcessOutput {

    private final List<String> lines = new ArrayList<>();
    private boolean ended;

    private ProcessOutput() {
    }

    /** Starts reading the process's standard output (merge standard error into it when starting it). */
    static ProcessOutput follow(Process process, String name) {
        ProcessOutput output = new ProcessOutput();
        Thread reader = new Thread(() -> output.readAll(process.getInputStream()), name + "-output");
        reader.setDaemon(true);
        reader.start();
        return output;
    }

    /** The number of lines read so far. */
    synchronized int mark() {
        return lines.size();
    }

    /**
     * The first line from {@code from} on that matches, waiting for it at most {@code timeout};
     * empty if the process closed its output or the time ran out first.
     */
    synchronized Optional<String> await(int from, Predicate<String> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int next = from;
        while (true) {
            for (; next < lines.size(); next++) {
                if (match.test(lines.get(next))) {
                    return Optional.of(lines.get(next));
                }
            }
            long left = deadline - System.nanoTime();
            if (ended || left <= 0) {
                return Optional.empty();
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    /** The lines from {@code from} on. */
    synchronized List<String> since(int from) {
        return List.copyOf(lines.subList(Math.min(from, lines.size()), lines.size()));
    }

    /** The last {@code count} lines from {@code from} on, as one text. */
    synchronized String tail(int from, int count) {
        List<String> selected = since(from);
        return String.join("\n", selected.subList(Math.max(0, selected.size() - count), selected.size()));
    }

    private void readAll(InputStream stream) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                add(line);
            }
        } catch (IOException e) {
            add("[output no longer readable: " + e.getMessage() + "]");
        } finally {
            end();
        }
    }

    private synchronized void add(String line) {
        lines.add(line);
        notifyAll();
    }

    private synchronized void end() {
        ended = true;
        notifyAll();
    }
}
