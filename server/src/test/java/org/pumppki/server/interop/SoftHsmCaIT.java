package org.pumppki.server.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pumppki.ca.testing.InteropTools;
import org.pumppki.server.testing.Fixtures;
import org.pumppki.server.testing.ServerApi;
import org.pumppki.server.testing.ServerProcess;

/**
 * The CA keys in an HSM: PumpPKI started against a SoftHSM2 token generates its root and issuing
 * keys inside the token, signs a pump certificate with them that OpenSSL verifies, and finds the
 * same keys again after a restart.
 */
class SoftHsmCaIT {

    private static final Path LIBRARY = Path.of("/usr/lib/softhsm/libsofthsm2.so");
    private static final String PIN = "pumppki-user-pin";
    private static final String PASSWORD = "hsm-admin-password";

    @TempDir
    Path workDir;

    @Test
    void anIssuingCaInTheTokenSignsPumpCertificatesThatOpenSslVerifies() throws Exception {
        InteropTools.requireTool("softhsm2-util");
        InteropTools.requireFile(LIBRARY, "The SoftHSM2 PKCS#11 library");
        Path openssl = InteropTools.requireTool("openssl");
        Path config = initToken();
        Map<String, String> env = Map.of(
                "PKI_DATA_DIR", workDir.resolve("data").toString(),
                "PKI_BOOTSTRAP_ADMIN_PASSWORD", PASSWORD,
                "PKI_CA_KEY_STORE", "pkcs11",
                "PKI_KEYS_PKCS11_LIBRARY", LIBRARY.toString(),
                "PKI_KEYS_PKCS11_SLOT_LIST_INDEX", "0",
                "PKI_KEYS_PKCS11_PIN", PIN,
                "SOFTHSM2_CONF", config.toString());

        List<String> fingerprints;
        try (ServerProcess server = ServerProcess.start(workDir, env)) {
            ServerApi api = new ServerApi(server, PASSWORD);
            JsonPath cas = api.admin().get("/api/v1/cas").then().statusCode(200).extract().jsonPath();
            assertEquals(List.of("pkcs11", "pkcs11"), cas.getList("keyStore"));
            fingerprints = cas.getList("sha256Fingerprint");

            JsonPath pump = api.enrolledPump(Fixtures.serial("HSM"));
            Files.writeString(workDir.resolve("pump.pem"), pump.getString("certificate"));
            Files.writeString(workDir.resolve("issuing.pem"), pump.getString("chain[0]"));
            Files.writeString(workDir.resolve("root.pem"), pump.getString("chain[1]"));
            String verified = run(openssl.toString(), "verify", "-CAfile", "root.pem", "-untrusted", "issuing.pem", "pump.pem");
            assertTrue(verified.contains("pump.pem: OK"), verified);
            assertEquals("good", api.ocspStatus(pump));
            // Signed in the token on worker threads, one PKCS#11 signer per thread signing at once.
            List<Callable<String>> lookups = Collections.nCopies(32, () -> api.ocspStatus(pump));
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                for (Future<String> status : pool.invokeAll(lookups)) {
                    assertEquals("good", status.get());
                }
            } finally {
                pool.shutdownNow();
            }
            server.terminate();
        }

        try (ServerProcess server = ServerProcess.start(workDir, env)) {
            ServerApi api = new ServerApi(server, PASSWORD);
            assertEquals(fingerprints, api.admin().get("/api/v1/cas").then().extract().jsonPath().getList("sha256Fingerprint"));
            api.enrolledPump(Fixtures.serial("HSM2"));
        }
    }

    /** A token of this test's own, in a SoftHSM2 configuration of its own. */
    private Path initToken() throws Exception {
        Path tokens = Files.createDirectories(workDir.resolve("tokens"));
        Path config = workDir.resolve("softhsm2.conf");
        Files.writeString(config, "directories.tokendir = " + tokens + "\nobjectstore.backend = file\nlog.level = ERROR\n");
        ProcessBuilder init = new ProcessBuilder("softhsm2-util", "--init-token", "--free", "--label", "pumppki-ca",
                "--so-pin", "pumppki-so-pin", "--pin", PIN).redirectErrorStream(true);
        init.environment().put("SOFTHSM2_CONF", config.toString());
        Process process = init.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
        return config;
    }

    private String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return output;
    }
}
