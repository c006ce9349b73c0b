package org.pumppki.server.interop;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pumppki.ca.crypto.Pem;
import org.pumppki.ca.testing.InteropTools;
import org.pumppki.server.testing.EnrolledPump;
import org.pumppki.server.testing.ToolCli;
import org.pumppki.server.testing.TestIssuingCa;

/**
 * nginx as a pump server with {@code ssl_verify_client on} and {@code ssl_ocsp on}: it asks the
 * OCSP responder named in the AIA of every certificate of the client's chain, the issuing CA's
 * included, so it works only if the issuing CA certificate carries the root's OCSP URL and the root
 * answers for it. curl plays the pump.
 */
@QuarkusTest
class NginxOcspInteropTest {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path workDir;

    @Test
    void nginxCheckingTheWholeChainAcceptsAPumpThenRefusesItOnceItsIssuingCaIsRevoked() throws Exception {
        Path nginx = InteropTools.requireTool("nginx");
        Path curl = InteropTools.requireTool("curl");
        ToolCli openssl = ToolCli.openssl(workDir);
        TestIssuingCa ca = TestIssuingCa.create("nginx");
        EnrolledPump pump = ca.enrollUnderIt("NGINX-PUMP");
        openssl.writePem("root.pem", ca.root());
        openssl.writePem("pump-chain.pem", pump.certificate(), ca.certificate());
        openssl.write("pump.key", Pem.encode("PRIVATE KEY", pump.keyPair().getPrivate().getEncoded()).getBytes(StandardCharsets.US_ASCII));
        ToolCli.Result serverKey = openssl.run("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                "-nodes", "-keyout", "server.key", "-out", "server.pem", "-subj", "/CN=localhost", "-days", "1",
                "-addext", "subjectAltName=IP:127.0.0.1");
        assertEquals(0, serverKey.exitCode(), serverKey::toString);

        try (LocalhostDnsStub dns = LocalhostDnsStub.start(); Nginx server = Nginx.start(nginx, workDir, dns.port())) {
            String accepted = handshake(curl, server.port());
            ca.revoke("cACompromise");
            String refused = handshake(curl, server.port());

            assertEquals("200 verified SUCCESS", accepted, server::errorLog);
            assertThat(server.errorLog(), refused, containsString("400"));
            assertThat(server.errorLog(), containsString("revoked"));
        }
    }

    /** curl with the pump's key and chain; answers the status code and body. */
    private String handshake(Path curl, int port) throws Exception {
        Process process = new ProcessBuilder(curl.toString(), "-sS", "--max-time", "30", "--cert", "pump-chain.pem",
                "--key", "pump.key", "--cacert", "server.pem", "-o", "body.txt", "-w", "%{http_code}",
                "https://127.0.0.1:" + port + "/")
                .directory(workDir.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("curl did not end");
        }
        String status = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        Path body = workDir.resolve("body.txt");
        String text = Files.exists(body) ? Files.readString(body).strip() : "";
        return status + " " + text;
    }

    /** nginx in the foreground, one process, on a free port of 127.0.0.1 with a private prefix. */
    private record Nginx(Process process, int port, Path directory) implements AutoCloseable {

        static Nginx start(Path executable, Path directory, int dnsPort) throws IOException {
            int port = freePort();
            for (String temp : List.of("body", "proxy", "fastcgi", "uwsgi", "scgi")) {
                Files.createDirectories(directory.resolve("tmp-" + temp));
            }
            Files.writeString(directory.resolve("nginx.conf"), """
                    daemon off;
                    master_process off;
                    pid %1$s/nginx.pid;
                    error_log %1$s/error.log info;
                    events { worker_connections 64; }
                    http {
                        access_log off;
                        client_body_temp_path %1$s/tmp-body;
                        proxy_temp_path %1$s/tmp-proxy;
                        fastcgi_temp_path %1$s/tmp-fastcgi;
                        uwsgi_temp_path %1$s/tmp-uwsgi;
                        scgi_temp_path %1$s/tmp-scgi;
                        resolver 127.0.0.1:%3$d ipv6=off;
                        server {
                            listen 127.0.0.1:%2$d ssl;
                            ssl_certificate %1$s/server.pem;
                            ssl_certificate_key %1$s/server.key;
                            ssl_verify_client on;
                            ssl_client_certificate %1$s/root.pem;
                            ssl_verify_depth 2;
                            ssl_ocsp on;
                            location / { return 200 "verified $ssl_client_verify"; }
                        }
                    }
                    """.formatted(directory, port, dnsPort));
            Process process = new ProcessBuilder(executable.toString(), "-p", directory.toString(), "-e",
                    directory.resolve("error.log").toString(), "-c", directory.resolve("nginx.conf").toString())
                    .directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(directory.resolve("nginx.out").toFile()).start();
            Nginx nginx = new Nginx(process, port, directory);
            nginx.awaitListening();
            return nginx;
        }

        /** Waits for the port to accept connections: nginx says nothing when it is ready. */
        private void awaitListening() {
            Instant deadline = Instant.now().plus(START_TIMEOUT);
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("nginx ended: " + errorLog());
                }
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                    return;
                } catch (IOException notYet) {
                    Thread.onSpinWait();
                }
            }
            throw new IllegalStateException("nginx did not listen within " + START_TIMEOUT + ": " + errorLog());
        }

        String errorLog() {
            try {
                Path log = directory.resolve("error.log");
                Path out = directory.resolve("nginx.out");
                return (Files.exists(log) ? Files.readString(log) : "") + (Files.exists(out) ? Files.readString(out) : "");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }

        private static int freePort() throws IOException {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            }
        }
    }
}
