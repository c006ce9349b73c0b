package org.pumppki.server.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A real FreeRADIUS ({@code freeradius -X}) running as a child process on a free port of
 * 127.0.0.1, with a private configuration directory. {@code -X} keeps it in the foreground,
 * single-threaded, logging every step of every request to standard output, which this class reads.
 */
final class FreeRadiusServer implements AutoCloseable {

    /** Printed once the listening socket is bound; printed again on shutdown, so only the first counts. */
    static final String READY = "Ready to process requests";
    private static final String PORT_TAKEN = "Address already in use";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    /** Another process may take the port between choosing it and FreeRADIUS binding it. */
    private static final int START_ATTEMPTS = 5;

    private final Process process;
    private final ProcessOutput log;
    private final int port;

    private FreeRadiusServer(Process process, ProcessOutput log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /**
     * Writes {@code config} into {@code directory} and starts FreeRADIUS on it; returns once it is
     * ready to process requests.
     */
    static FreeRadiusServer start(Path executable, Path directory, FreeRadiusConfig config) {
        String lastFailure = "";
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            int port = freeUdpAndTcpPort();
            write(directory.resolve("radiusd.conf"), config.render(port, directory));
            Process process = launch(executable, directory);
            ProcessOutput log = ProcessOutput.follow(process, "freeradius");
            Optional<String> ready = log.await(0, READY::equals, START_TIMEOUT);
            if (ready.isPresent()) {
                return new FreeRadiusServer(process, log, port);
            }
            LoopbackServers.stop(process);
            lastFailure = log.tail(0, 40);
            if (log.await(0, line -> line.contains(PORT_TAKEN), Duration.ZERO).isEmpty()) {
                break;
            }
        }
        throw new IllegalStateException("FreeRADIUS did not become ready. Its last output:\n" + lastFailure);
    }

    int port() {
        return port;
    }

    /** A position in the log: what FreeRADIUS writes from now on is after it. */
    int mark() {
        return log.mark();
    }

    /** Waits at most {@code timeout} for a log line after {@code mark} that matches. */
    Optional<String> awaitLog(int mark, Predicate<String> match, Duration timeout) {
        return log.await(mark, match, timeout);
    }

    /** The log after {@code mark}. */
    List<String> logSince(int mark) {
        return log.since(mark);
    }

    /** The last {@code lines} lines of the log after {@code mark}, for failure messages. */
    String logTail(int mark, int lines) {
        return log.tail(mark, lines);
    }

    @Override
    public void close() {
        LoopbackServers.stop(process);
    }

    private static Process launch(Path executable, Path directory) {
        try {
            return new ProcessBuilder(executable.toString(), "-X", "-d", directory.toString())
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + executable, e);
        }
    }

    /**
     * A port that is free on 127.0.0.1 for both UDP (RADIUS) and TCP, so that it is not in use by
     * anything else that would confuse a reader of the logs. It is released again before
     * FreeRADIUS binds it; {@link #start} retries when it has been taken in between.
     */
    private static int freeUdpAndTcpPort() {
        InetAddress loopback = ipv4Loopback();
        for (int attempt = 0; attempt < 100; attempt++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, loopback)) {
                try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback, tcp.getLocalPort()))) {
                    return udp.getLocalPort();
                } catch (SocketException udpPortTaken) {
                    // try another one
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("No port is free for both TCP and UDP on " + loopback);
    }

    /** The address FreeRADIUS listens on, whatever the JVM prefers as loopback. */
    private static InetAddress ipv4Loopback() {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
