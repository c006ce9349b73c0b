package org.pumppki.server.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real nginx ({@code nginx-light}) as a pump server, configured with the very file
 * {@code docs/pump-server/nginx.conf} documents: mutual TLS with PumpPKI certificates, the pumps'
 * certificates and issuing CA checked over OCSP ({@code ssl_ocsp on}), its own status stapled. Only
 * what differs on a test machine is replaced (port, file locations, PumpPKI's URL, the resolver, the
 * application behind it). It runs in the foreground with a master and one worker, so that
 * {@code nginx -s reload} works as in production, with every file under a private directory, which
 * must hold {@code server.pem} (the certificate, then its issuing CA), {@code server.key} and
 * {@code root.pem}.
 */
final class NginxPumpServer implements AutoCloseable {

    /** The host name the pump server's certificate names, as in the documented configuration. */
    static final String HOSTNAME = "pumpserver.hospital.example";
    /** The documented configuration; tests run from the module directory. */
    static final Path DOCUMENTED_CONFIG = Path.of("..", "docs", "pump-server", "nginx.conf");
    /** What the application behind nginx answers: the subject nginx verified. */
    static final String ACCEPTED = "pump accepted: ";

    private static final String PORT_TAKEN = "Address already in use";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration RELOAD_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration LOG_TIMEOUT = Duration.ofSeconds(10);
    private static final int START_ATTEMPTS = 5;

    private final Path executable;
    private final Path directory;
    private final Process process;
    private final ProcessOutput log;
    private final LocalhostDnsStub dns;
    private final int port;

    private NginxPumpServer(Path executable, Path directory, Process process, ProcessOutput log, LocalhostDnsStub dns,
            int port) {
        this.executable = executable;
        this.directory = directory;
        this.process = process;
        this.log = log;
        this.dns = dns;
        this.port = port;
    }

    /**
     * Starts nginx in {@code directory}, asking the OCSP responder under {@code pkiBaseUrl} (e.g.
     * {@code http://localhost:8080}) about the pumps and about itself.
     */
    static NginxPumpServer start(Path executable, Path directory, String pkiBaseUrl) {
        return start(executable, directory, pkiBaseUrl, Map.of());
    }

    /**
     * Starts nginx with the documented configuration changed as an operator might change it: each
     * key of {@code changes}, which must be in the document, is replaced with its value.
     */
    static NginxPumpServer start(Path executable, Path directory, String pkiBaseUrl, Map<String, String> changes) {
        LocalhostDnsStub dns = LocalhostDnsStub.start();
        String lastFailure = "";
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            int port = LoopbackServers.freePort();
            write(directory.resolve("pump-server.conf"), pumpServerConfig(directory, port, pkiBaseUrl, dns.port(), changes));
            write(directory.resolve("nginx.conf"), mainConfig(directory));
            Process process = launch(executable, directory);
            ProcessOutput log = ProcessOutput.follow(process, "nginx");
            if (LoopbackServers.awaitListening(process, port, START_TIMEOUT)) {
                return new NginxPumpServer(executable, directory, process, log, dns, port);
            }
            LoopbackServers.stop(process);
            lastFailure = log.tail(0, 40);
            if (log.await(0, line -> line.contains(PORT_TAKEN), Duration.ZERO).isEmpty()) {
                break;
            }
        }
        dns.close();
        throw new IllegalStateException("nginx did not start. Its last output:\n" + lastFailure);
    }

    int port() {
        return port;
    }

    /** The number of log lines so far; pass it to {@link #logSince} to read what one connection caused. */
    int mark() {
        return log.mark();
    }

    /** The log lines from {@code mark} on. */
    List<String> logSince(int mark) {
        return log.since(mark);
    }

    /**
     * Whether nginx logs a line containing {@code text} from {@code mark} on, waiting a little for it:
     * nginx logs before it answers, but the log is read on another thread.
     */
    boolean logs(int mark, String text) {
        return log.await(mark, line -> line.contains(text), LOG_TIMEOUT).isPresent();
    }

    /** What nginx logged so far, for failure messages. */
    String logTail(int lines) {
        return log.tail(0, lines);
    }

    /**
     * {@code nginx -s reload}, as an operator does after replacing the certificate files; returns once
     * the master has started a worker with the new configuration. Workers of the old one finish what
     * they are doing and stop on their own.
     */
    void reload() {
        int mark = log.mark();
        try {
            Process signal = new ProcessBuilder(executable.toString(), "-e", "stderr", "-p", directory.toString(),
                    "-c", directory.resolve("nginx.conf").toString(), "-s", "reload")
                    .redirectErrorStream(true).start();
            String output = new String(signal.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!signal.waitFor(RELOAD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS) || signal.exitValue() != 0) {
                throw new IllegalStateException("nginx -s reload failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        // Only the new worker starts after the mark: the old one is told to finish, not started.
        log.await(mark, line -> line.contains("start worker process"), RELOAD_TIMEOUT)
                .orElseThrow(() -> new IllegalStateException("nginx started no new worker:\n" + log.tail(mark, 40)));
    }

    @Override
    public void close() {
        LoopbackServers.stop(process);
        dns.close();
    }

    /** The documented server block with the test machine's values; fails if the document lost one of them. */
    static String pumpServerConfig(Path directory, int port, String pkiBaseUrl, int dnsPort, Map<String, String> changes) {
        Map<String, String> replacements = new LinkedHashMap<>(changes);
        replacements.put("listen 443 ssl;", "listen 127.0.0.1:" + port + " ssl;");
        replacements.put("/etc/nginx/pumppki/", directory.toAbsolutePath() + "/");
        replacements.put("http://pumppki.hospital.example:8080/ocsp", pkiBaseUrl + "/ocsp");
        replacements.put("resolver         10.20.0.53", "resolver         127.0.0.1:" + dnsPort);
        replacements.put("proxy_pass http://127.0.0.1:8081;", "return 200 \"" + ACCEPTED + "$ssl_client_s_dn\\n\";");
        String config = read(DOCUMENTED_CONFIG);
        for (Map.Entry<String, String> replacement : replacements.entrySet()) {
            if (!config.contains(replacement.getKey())) {
                throw new IllegalStateException(DOCUMENTED_CONFIG + " no longer contains '" + replacement.getKey()
                        + "', which the test replaces; update both");
            }
            config = config.replace(replacement.getKey(), replacement.getValue());
        }
        return config;
    }

    /** What a packaged nginx has in /etc/nginx/nginx.conf, reduced to one worker and a private directory. */
    private static String mainConfig(Path directory) {
        // As root, nginx would run its worker as nobody, who cannot read the private key in a test's directory.
        String user = "root".equals(System.getProperty("user.name")) ? "user root;\n" : "";
        return user + """
                daemon off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log stderr info;
                events { worker_connections 64; }
                http {
                  access_log off;
                  client_body_temp_path %1$s/tmp;
                  proxy_temp_path %1$s/tmp;
                  fastcgi_temp_path %1$s/tmp;
                  uwsgi_temp_path %1$s/tmp;
                  scgi_temp_path %1$s/tmp;
                  include %1$s/pump-server.conf;
                }
                """.formatted(directory.toAbsolutePath());
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

    private static String read(Path file) {
        try {
            return Files.readString(file);
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
