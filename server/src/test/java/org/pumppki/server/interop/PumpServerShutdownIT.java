package org.pumppki.server.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pumppki.ca.crypto.AlgorithmPreset;
import org.pumppki.ca.crypto.Pem;
import org.pumppki.ca.testing.InteropTools;
import org.pumppki.ca.testing.TestCsr;
import org.pumppki.ca.testing.TestKeys;
import org.pumppki.server.testing.Fixtures;
import org.pumppki.server.testing.PostgresProcesses;
import org.pumppki.server.testing.ServerApi;
import org.pumppki.server.testing.ServerProcess;

/**
 * Issue 15 as reported: the packaged server on its embedded PostgreSQL, a real nginx as pump server
 * checking pumps' certificates over PumpPKI's OCSP responder and stapling its own status, curl as
 * the pump; then nginx stops and PumpPKI gets SIGTERM. It must exit with its PostgreSQL stopped and
 * nothing logged as an ERROR on the way down. The exit time is printed, not asserted.
 *
 * <p>Needs {@code nginx} and {@code curl}; skipped without them, failed with
 * {@code PKI_REQUIRE_INTEROP=true}.
 */
class PumpServerShutdownIT {

    private static final AlgorithmPreset PRESET = AlgorithmPreset.EC_P256_SHA256;
    /** Generous: a stop that needs more than this is the hang this test is about. */
    private static final Duration EXIT_BOUND = Duration.ofSeconds(60);
    /** nginx fetches its staple lazily: the first handshakes after its start carry none. */
    private static final int STAPLE_ATTEMPTS = 50;
    private static final Pattern ERROR_LINE = Pattern.compile("^\\S+ \\S+ ERROR ");

    @TempDir
    Path workDir;

    @Test
    void sigtermAfterPumpsConnectedThroughNginxStopsTheServerAndItsDatabase() throws Exception {
        Path nginx = InteropTools.requireTool("nginx");
        Path curl = InteropTools.requireTool("curl");
        Path dataDir = workDir.resolve("data");

        try (ServerProcess server = ServerProcess.start(workDir.resolve("server"), Map.of("PKI_DATA_DIR", dataDir.toString()))) {
            ServerApi api = new ServerApi(server, Files.readString(dataDir.resolve("initial-admin-password")).strip());
            Path nginxDir = Files.createDirectories(workDir.resolve("nginx"));
            KeyPair serverKey = TestKeys.fresh(PRESET);
            JsonPath serverCertificate = enroll(api, registerPumpServer(api),
                    TestCsr.forKey(serverKey).subject("CN=" + NginxPumpServer.HOSTNAME).dns(NginxPumpServer.HOSTNAME).build());
            TlsCredentials serverCredentials = TlsCredentials.write(nginxDir, "server", serverKey.getPrivate(),
                    presented(serverCertificate));
            List<String> chain = serverCertificate.getList("chain", String.class);
            Path root = TlsCredentials.writePem(nginxDir.resolve("root.pem"), List.of(chain.get(chain.size() - 1)));
            CurlPump curlPump = new CurlPump(curl, root);
            List<TlsCredentials> pumps = List.of(enrolledPump(api), enrolledPump(api));

            try (NginxPumpServer pumpServer = NginxPumpServer.start(nginx, nginxDir, server.baseUrl())) {
                for (TlsCredentials pump : pumps) {
                    for (int i = 0; i < 3; i++) {
                        CurlPump.Result plain = curlPump.get(pumpServer.port(), pump, false);
                        assertEquals(0, plain.exitCode(), plain + "\n--- nginx ---\n" + pumpServer.logTail(30));
                        assertTrue(plain.output().contains(NginxPumpServer.ACCEPTED), plain.toString());
                    }
                    CurlPump.Result stapled = curlPump.getUntilStapled(pumpServer.port(), pump, STAPLE_ATTEMPTS);
                    assertEquals(0, stapled.exitCode(), "no valid staple after " + STAPLE_ATTEMPTS + " handshakes: "
                            + stapled + "\n--- nginx ---\n" + pumpServer.logTail(30));
                }
            }
            assertTrue(ocspGetAnswers(api) > 0, "nginx asked PumpPKI's OCSP responder");

            List<ProcessHandle> postgres = PostgresProcesses.runningOn(dataDir.resolve("postgres"));
            assertTrue(!postgres.isEmpty(), "the embedded PostgreSQL runs on the data directory");
            int mark = server.outputLines();
            long signalled = System.nanoTime();
            server.sigterm();
            boolean exited = server.process().waitFor(EXIT_BOUND.toMillis(), TimeUnit.MILLISECONDS);
            long exitMillis = (System.nanoTime() - signalled) / 1_000_000;
            System.out.printf("PumpPKI exited %d ms after SIGTERM (after OCSP traffic from nginx), exit code %s%n", exitMillis,
                    exited ? server.process().exitValue() : "none");

            assertTrue(exited, "PumpPKI still running " + EXIT_BOUND + " after SIGTERM:\n" + server.output());
            int exitCode = server.process().exitValue();
            assertTrue(exitCode == 0 || exitCode == 143, "clean exit after SIGTERM, got " + exitCode);
            postgres.forEach(p -> assertTrue(!PostgresProcesses.running(p), "postgres " + p.pid() + " outlived the server"));
            assertEquals(List.of(), PostgresProcesses.runningOn(dataDir.resolve("postgres")));
            List<String> output = server.awaitOutputEnd();
            List<String> afterSignal = output.subList(mark, output.size());
            assertEquals(List.of(), afterSignal.stream().filter(line -> ERROR_LINE.matcher(line).find()).toList(),
                    "no ERROR on the way down:\n" + String.join("\n", afterSignal));
            assertTrue(afterSignal.stream().anyMatch(line -> line.contains("The embedded PostgreSQL stopped")),
                    "the log says the database stopped; the server's last lines:\n"
                            + String.join("\n", output.subList(Math.max(0, output.size() - 40), output.size())));
        }
    }

    private static String registerPumpServer(ServerApi api) {
        return api.admin().contentType(ContentType.JSON).body("""
                {"kind": "pump-server", "serial": "%s", "manufacturer": "Acme", "model": "Gateway", "hostnames": ["%s"]}
                """.formatted(Fixtures.serial("PUMP-SERVER"), NginxPumpServer.HOSTNAME))
                .post("/api/v1/devices").then().statusCode(201).extract().path("id");
    }

    private TlsCredentials enrolledPump(ServerApi api) throws IOException {
        String serial = Fixtures.serial("NGINX-PUMP");
        String id = api.admin().contentType(ContentType.JSON).body(Fixtures.pumpJson(serial))
                .post("/api/v1/devices").then().statusCode(201).extract().path("id");
        KeyPair key = TestKeys.fresh(PRESET);
        JsonPath issued = enroll(api, id, TestCsr.forKey(key).subject("CN=" + serial).build());
        return TlsCredentials.write(Files.createDirectories(workDir.resolve(serial)), "pump", key.getPrivate(), presented(issued));
    }

    private static JsonPath enroll(ServerApi api, String deviceId, PKCS10CertificationRequest csr) {
        return api.admin().contentType(ContentType.JSON).body(Map.of("csr", Pem.certificationRequest(csr)))
                .post("/api/v1/devices/" + deviceId + "/certificates").then().statusCode(201).extract().jsonPath();
    }

    /** The certificate followed by its issuing CA, as a device presents it. */
    private static List<String> presented(JsonPath issued) {
        return List.of(issued.getString("certificate"), issued.getString("chain[0]"));
    }

    private static long ocspGetAnswers(ServerApi api) {
        String metrics = api.admin().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines()
                .filter(line -> line.startsWith("pki_ocsp_responses_total{") && line.contains("method=\"GET\""))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
