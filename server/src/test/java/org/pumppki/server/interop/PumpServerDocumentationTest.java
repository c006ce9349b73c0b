package org.pumppki.server.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The nginx configuration in {@code docs/pump-server.md} is the one the interop suite runs: the
 * document quotes {@code docs/pump-server/nginx.conf} word for word, and the test machine's values
 * still find their places in it. Runs without nginx, so that the document cannot drift where nginx
 * is not installed either.
 */
class PumpServerDocumentationTest {

    private static final Path DOCUMENT = Path.of("..", "docs", "pump-server.md");

    @Test
    void theDocumentQuotesTheTestedNginxConfigurationVerbatim() throws IOException {
        String configuration = Files.readString(NginxPumpServer.DOCUMENTED_CONFIG);

        assertTrue(Files.readString(DOCUMENT).contains("```nginx\n" + configuration + "```\n"),
                DOCUMENT + " must quote " + NginxPumpServer.DOCUMENTED_CONFIG + " in a ```nginx block, unchanged");
    }

    @Test
    void theTestMachinesValuesReplaceTheDocumentedOnes() {
        String tested = NginxPumpServer.pumpServerConfig(Path.of("/tmp/nginx-test"), 40443, "http://localhost:48080", 40053,
                Map.of("ssl_ocsp_cache     off;", "ssl_ocsp_cache     shared:pump_ocsp:1m;"));

        assertTrue(tested.contains("listen 127.0.0.1:40443 ssl;"), tested);
        assertTrue(tested.contains("ssl_ocsp_responder http://localhost:48080/ocsp;"), tested);
        assertTrue(tested.contains("ssl_client_certificate /tmp/nginx-test/root.pem;"), tested);
        assertTrue(tested.contains("ssl_ocsp           on;"), tested);
        assertTrue(tested.contains("ssl_ocsp_cache     shared:pump_ocsp:1m;"), tested);
    }
}
