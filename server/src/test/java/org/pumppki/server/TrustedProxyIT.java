package org.pumppki.server;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pumppki.server.testing.ServerProcess;

/**
 * Behind a TLS-terminating proxy: plain-HTTP API requests are served when they come from an address
 * in {@code pki.http.trusted-proxies} and say {@code X-Forwarded-Proto: https}; the same header from
 * any other address, or no header, is refused.
 */
class TrustedProxyIT {

    private static final String PASSWORD = "proxy test password";

    @TempDir
    Path workDir;

    @Test
    void onlyTheTrustedProxyCanVouchForHttps() throws Exception {
        Map<String, String> env = Map.of("PKI_DATA_DIR", workDir.resolve("data").toString(),
                "PKI_BOOTSTRAP_ADMIN_PASSWORD", PASSWORD, "PKI_HTTP_TRUSTED_PROXIES", "127.0.0.1");
        try (ServerProcess server = ServerProcess.start(workDir, env)) {
            String fromProxy = get(server.httpPort(), "127.0.0.1", true);
            String fromProxyWithoutHeader = get(server.httpPort(), "127.0.0.1", false);
            String fromElsewhere = get(server.httpPort(), "127.0.0.2", true);

            assertThat(fromProxy, startsWith("HTTP/1.1 200"));
            assertThat(fromProxy, containsString("\"username\":\"admin\""));
            assertThat(fromProxyWithoutHeader, startsWith("HTTP/1.1 403"));
            assertThat(fromElsewhere, startsWith("HTTP/1.1 403"));
            assertThat(fromElsewhere, containsString("https-required"));
            server.terminate();
        }
    }

    /** GET /api/v1/me over plain HTTP from the given loopback address, as a proxy would forward it. */
    private static String get(int port, String from, boolean forwardedHttps) throws Exception {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
            socket.setSoTimeout(30_000);
            String credentials = Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
            String request = "GET /api/v1/me HTTP/1.1\r\nHost: pumppki.hospital.example\r\nAuthorization: Basic " + credentials
                    + "\r\n" + (forwardedHttps ? "X-Forwarded-Proto: https\r\n" : "") + "Connection: close\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
