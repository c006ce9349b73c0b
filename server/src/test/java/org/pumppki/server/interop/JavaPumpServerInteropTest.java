package org.pumppki.server.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.CertPathValidatorException;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.pumppki.ca.testing.InteropTools;
import org.pumppki.server.interop.PumpServerTestbed.Pump;
import org.pumppki.server.interop.PumpServerTestbed.PumpServer;

/**
 * A pump server written in Java (JSSE, client authentication required, PKIX revocation checking
 * over PumpPKI's OCSP responder, hard fail) with a pump-server certificate from PumpPKI; curl plays
 * the pump. Needs {@code curl}; skipped without it, failed with {@code PKI_REQUIRE_INTEROP=true}.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JavaPumpServerInteropTest {

    private static final int REFUSAL_TIMEOUT_SECONDS = 20;

    private PumpServerTestbed testbed;
    private CurlPump curl;
    private JavaPumpServer server;

    @BeforeAll
    void keepFilesIn(@TempDir Path directory) {
        testbed = new PumpServerTestbed(directory);
    }

    @BeforeEach
    void javaPumpServerIsRunning() {
        Path curlTool = InteropTools.requireTool("curl");
        if (server == null) {
            PumpServer files = testbed.pumpServer("java");
            curl = new CurlPump(curlTool, files.root());
            // The responder is named, not read from the AIA: the bootstrap CAs of the test server name port 0.
            server = JavaPumpServer.start(files.key().getPrivate(),
                    files.certificate().presentedChain().stream().map(PumpServerTestbed::x509).toList(),
                    PumpServerTestbed.x509(files.certificate().root()),
                    Optional.of(URI.create(PumpServerTestbed.pkiBaseUrl() + "/ocsp")));
        }
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aGoodPumpIsAccepted() {
        Pump pump = testbed.enrolledPump();

        CurlPump.Result result = curl.get(server.port(), pump.credentials(), false);

        assertTrue(result.accepted(pump.serial()), result::toString);
    }

    @Test
    void aRevokedPumpIsRefusedByTheRevocationChecker() throws Exception {
        Pump pump = testbed.enrolledPump();
        assertTrue(curl.get(server.port(), pump.credentials(), false).accepted(pump.serial()));

        testbed.pki().revoke(pump.certificateSerial(), "keyCompromise");
        CurlPump.Result result = curl.get(server.port(), pump.credentials(), false);

        assertNotEquals(0, result.exitCode(), result::toString);
        Exception refusal = server.nextRefusal(REFUSAL_TIMEOUT_SECONDS).orElseThrow();
        CertPathValidatorException invalid = cause(refusal, CertPathValidatorException.class)
                .orElseThrow(() -> new AssertionError("no certificate path failure behind " + refusal, refusal));
        assertEquals(CertPathValidatorException.BasicReason.REVOKED, invalid.getReason(), invalid::toString);
        assertEquals(0, invalid.getIndex(), "the pump's own certificate is the revoked one");
    }

    private static <T extends Throwable> Optional<T> cause(Throwable thrown, Class<T> type) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return Optional.of(type.cast(cause));
            }
        }
        return Optional.empty();
    }
}
