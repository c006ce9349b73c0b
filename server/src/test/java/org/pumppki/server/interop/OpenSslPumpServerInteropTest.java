package org.pumppki.server.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.pumppki.ca.testing.InteropTools;
import org.pumppki.server.interop.PumpServerTestbed.Pump;
import org.pumppki.server.interop.PumpServerTestbed.PumpServer;
import org.pumppki.server.testing.ToolCli;

/**
 * The pump's side of the pump-server TLS where nginx cannot play the server: {@code openssl s_server}
 * staples whatever OCSP response PumpPKI gave, a revoked one included (nginx staples only good
 * ones), and presents whatever certificate it is given. curl and {@code openssl s_client} play the
 * pump. Needs {@code openssl} and {@code curl}; skipped without them, failed with
 * {@code PKI_REQUIRE_INTEROP=true}.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenSslPumpServerInteropTest {

    private PumpServerTestbed testbed;
    private Path openssl;
    private Path curlTool;

    @BeforeAll
    void keepFilesIn(@TempDir Path directory) {
        testbed = new PumpServerTestbed(directory);
    }

    @BeforeEach
    void toolsAreInstalled() {
        openssl = InteropTools.requireTool("openssl");
        curlTool = InteropTools.requireTool("curl");
    }

    @Test
    void aPumpRefusesAServerWhoseStapledStatusSaysRevoked() {
        PumpServer server = testbed.pumpServer("stapled-revoked");
        CurlPump curl = new CurlPump(curlTool, server.root());
        Pump pump = testbed.enrolledPump();
        Path goodStaple = ocspResponse(server, "good.der", "good");
        try (OpenSslPumpServer serving = startServer(server, goodStaple)) {
            CurlPump.Result result = curl.get(serving.port(), pump.credentials(), true);
            assertEquals(0, result.exitCode(), () -> result + "\n--- s_server ---\n" + serving.outputTail(20));
            assertTrue(result.output().contains("SSL certificate status: good"), result::toString);
        }

        testbed.pki().revoke(server.certificate().serial(), "keyCompromise");
        Path revokedStaple = ocspResponse(server, "revoked.der", "revoked");

        try (OpenSslPumpServer serving = startServer(server, revokedStaple)) {
            CurlPump.Result result = curl.get(serving.port(), pump.credentials(), true);
            assertNotEquals(0, result.exitCode(), result::toString);
            assertEquals(0, result.httpStatus(), "no request sent: " + result);
            assertTrue(result.output().contains("SSL certificate revocation reason: keyCompromise"), result::toString);
        }
    }

    @Test
    void aPumpRefusesAServerThatPresentsAPumpCertificate() {
        PumpServer files = testbed.pumpServer("pump-as-server");
        Pump impostor = testbed.enrolledPump();
        Pump pump = testbed.enrolledPump();
        Path issuingCa = TlsCredentials.writePem(files.directory().resolve("pump-issuing.pem"), List.of(impostor.presentedChain().get(1)));

        try (OpenSslPumpServer serving = OpenSslPumpServer.start(openssl, impostor.credentials(), issuingCa, files.root(), null)) {
            ToolCli.Result handshake = ToolCli.openssl(files.directory()).run("s_client", "-connect", "127.0.0.1:" + serving.port(),
                    "-CAfile", files.root().toString(), "-verify_return_error",
                    "-cert", pump.credentials().certificateChain().toString(),
                    "-key", pump.credentials().privateKey().toString());

            // The chain is PumpPKI's and valid; only the purpose is wrong: a pump certificate is not for serverAuth.
            assertNotEquals(0, handshake.exitCode(), handshake::toString);
            assertTrue(handshake.output().contains("unsuitable certificate purpose"), handshake::toString);
        }
    }

    private OpenSslPumpServer startServer(PumpServer server, Path stapledResponse) {
        Path issuingCa = TlsCredentials.writePem(server.directory().resolve("issuing.pem"), List.of(server.certificate().chain().get(0)));
        return OpenSslPumpServer.start(openssl, new TlsCredentials(server.directory().resolve("server.pem"),
                server.directory().resolve("server.key")), issuingCa, server.root(), stapledResponse);
    }

    /** What PumpPKI's responder says about the server's certificate, checked by {@code openssl ocsp} and saved as DER. */
    private Path ocspResponse(PumpServer server, String fileName, String expectedStatus) {
        ToolCli tool = ToolCli.openssl(server.directory());
        tool.write("leaf.pem", server.certificate().certificate().getBytes(StandardCharsets.US_ASCII));
        tool.write("issuing-ca.pem", server.certificate().chain().get(0).getBytes(StandardCharsets.US_ASCII));
        ToolCli.Result answer = tool.run("ocsp", "-issuer", "issuing-ca.pem", "-cert", "leaf.pem",
                "-url", PumpServerTestbed.pkiBaseUrl() + "/ocsp", "-CAfile", server.root().toString(), "-respout", fileName);
        assertEquals(0, answer.exitCode(), answer::toString);
        assertTrue(answer.stdout().contains("leaf.pem: " + expectedStatus), answer::toString);
        return server.directory().resolve(fileName);
    }
}
