package org.pumppki.server.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * EST settings of the {@code @QuarkusTest} application: a test manufacturer CA trusted for
 * zero-touch onboarding (pending until approved), a label with server-side key generation and one
 * that speaks raw DER.
 */
public class EstTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String KEYGEN_LABEL = "keygen";
    public static final String RAW_DER_LABEL = "rawder";
    private static final String ANCHORS = "pki.est.zero-touch.trust-anchors";

    @Override
    public Map<String, String> start() {
        try {
            Path directory = Files.createTempDirectory("pumppki-test-manufacturer");
            ManufacturerCa.create("Acme Infusion").write(directory.resolve("ca.pem"), directory.resolve("ca.key"));
            return Map.of(
                    ANCHORS, directory.resolve("ca.pem").toString(),
                    "pki.est.labels." + KEYGEN_LABEL + ".server-keygen", "true",
                    "pki.est.labels." + RAW_DER_LABEL + ".raw-der", "true",
                    // Tests refuse codes on purpose from one address; the per-source limit has a unit test.
                    "pki.est.max-failures-per-source", "100000");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
    }

    /** The manufacturer CA the running application trusts. */
    public static ManufacturerCa manufacturer() {
        Path anchor = Path.of(ConfigProvider.getConfig().getValue(ANCHORS, String.class));
        return ManufacturerCa.read(anchor, anchor.resolveSibling("ca.key"));
    }
}
