package org.pumppki.server.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real nginx ({@code nginx-light}) as a pump server: HTTPS on a free port of 127.0.0.1 with the
 * certificate PumpPKI issued it, requiring a client certificate from PumpPKI's chain and checking
 * it over OCSP ({@code ssl_ocsp leaf}), and stapling the OCSP status of its own certificate. It runs
 * in the foreground, as one process, with every file under a private directory.
 */
final class NginxPumpServer implements AutoCloseable {

    /** The host name the pump server's certificate names. */
    static final String HOSTNAME = "pumpserver.test";
    private static final String PORT_TAKEN = "Address already in use";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final int START_ATTEMPTS = 5;

    private final Process process;
    private final ProcessOutput log;
    private final int port;

    private NginxPumpServer(Process process, ProcessOutput log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /**
     * Starts nginx in {@code directory} with the server's credentials, trusting {@code caChain} for
     * clients and asking {@code ocspUrl} about them and about itself.
     */
    static NginxPumpServer start(Path executable, Path directory, TlsCredentials server, Path caChain, String ocspUrl) {
        String lastFailure = "";
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            int port = freePort();
            write(directory.resolve("nginx.conf"), config(directory, port, server, caChain, ocspUrl));
            Process process = launch(executable, directory);
            ProcessOutput log = ProcessOutput.follow(process, "nginx");
            if (awaitListening(process, port)) {
                return new NginxPumpServer(process, log, port);
            }
            stop(process);
            lastFailure = log.tail(0, 40);
            if (log.await(0, line -> line.contains(PORT_TAKEN), Duration.ZERO).isEmpty()) {
                break;
            }
        }
        throw new IllegalStateException("nginx did not start. Its last output:\n" + lastFailure);
    }

    int port() {
        return port;
    }

    /** What nginx logged so far, for failure messages. */
    String logTail(int lines) {
        return log.tail(0, lines);
    }

    @Override
    public void close() {
        stop(process);
    }

    private static String config(Path directory, int port, TlsCredentials server, Path caChain, String ocspUrl) {
        return """
                daemon off;
                master_process off;
                pid %1$s/nginx.pid;
                error_log stderr info;
                events {}
                http {
                  access_log off;
                  client_body_temp_path %1$s/tmp;
                  proxy_temp_path %1$s/tmp;
                  fastcgi_temp_path %1$s/tmp;
                  uwsgi_temp_path %1$s/tmp;
                  scgi_temp_path %1$s/tmp;
                  server {
                    listen 127.0.0.1:%2$d ssl;
                    server_name %3$s;
                    ssl_certificate %4$s;
                    ssl_certificate_key %5$s;
                    ssl_verify_client on;
                    ssl_verify_depth 2;
                    ssl_client_certificate %6$s;
                    ssl_trusted_certificate %6$s;
                    ssl_ocsp leaf;
                    ssl_ocsp_responder %7$s;
                    ssl_stapling on;
                    ssl_stapling_verify on;
                    ssl_stapling_responder %7$s;
                    location / {
                      return 200 "pump accepted: $ssl_client_s_dn\\n";
                    }
                  }
                }
                """.formatted(directory, port, HOSTNAME, server.certificateChain(), server.privateKey(), caChain, ocspUrl);
    }

    private static Process launch(Path executable, Path directory) {
        try {
            Files.createDirectories(directory.resolve("tmp"));
            return new ProcessBuilder(executable.toString(), "-e", "stderr", "-p", directory.toString(),
                    "-c", directory.resolve("nginx.conf").toString())
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + executable, e);
        }
    }

    /** Polls the port until nginx accepts connections, or gives up when it exits or the time is up. */
    private static boolean awaitListening(Process process, int port) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (process.isAlive() && System.nanoTime() - deadline < 0) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(loopback(), port), 200);
                return true;
            } catch (IOException notYet) {
                try {
                    process.waitFor(50, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return false;
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, loopback())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
