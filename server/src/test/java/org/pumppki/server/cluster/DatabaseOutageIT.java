package org.pumppki.server.cluster;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.path.json.JsonPath;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pumppki.server.EmbeddedDatabase;
import org.pumppki.server.testing.Fixtures;
import org.pumppki.server.testing.ServerApi;
import org.pumppki.server.testing.ServerProcess;
import org.pumppki.server.testing.SharedDatabase;

/**
 * RADIUS servers ask at every Wi-Fi login: while the database is away, OCSP keeps answering good
 * and revoked correctly from memory and health says so, and the CRL and CA certificate URLs keep
 * serving what they served before; when it returns, changes flow again.
 */
class DatabaseOutageIT {

    private static final String MASTER_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    private static final String PASSWORD = "outage-admin-password";
    private static final Duration RECOVERY_BOUND = Duration.ofSeconds(60);

    @TempDir
    Path workDir;

    @Test
    void ocspAnswersFromMemoryDuringAnOutageAndRecoversAfterIt() throws Exception {
        Path databaseDir = workDir.resolve("postgres");
        EmbeddedDatabase database = EmbeddedDatabase.start(databaseDir);
        int port = database.port();
        try (ServerProcess server = ServerProcess.start(workDir, SharedDatabase.environment(database, Map.of(
                "PKI_DATA_DIR", workDir.resolve("data").toString(),
                "PKI_MASTER_KEY", MASTER_KEY,
                "PKI_BOOTSTRAP_ADMIN_PASSWORD", PASSWORD)))) {
            ServerApi api = new ServerApi(server, PASSWORD);
            JsonPath good = api.enrolledPump(Fixtures.serial("UP"));
            JsonPath revoked = api.enrolledPump(Fixtures.serial("DOWN"));
            JsonPath later = api.enrolledPump(Fixtures.serial("LATER"));
            api.revoke(revoked.getString("serial"));
            given().baseUri(server.baseUrl()).get("/q/health/ready").then().statusCode(200);
            byte[] crl = download(server, "/crl/issuing.crl");
            byte[] caCertificate = download(server, "/ca/issuing.crt");

            database.close();
            assertEquals("good", api.ocspStatus(good));
            assertEquals("revoked", api.ocspStatus(revoked));
            awaitDegraded(server, true);
            given().baseUri(server.baseUrl()).get("/q/health/group/ocsp").then().statusCode(200);
            given().baseUri(server.baseUrl()).get("/q/health/ready").then().statusCode(503);
            assertEquals("good", api.ocspStatus(good), "still answering after the outage was noticed");
            assertArrayEquals(crl, download(server, "/crl/issuing.crl"), "the CRL is served from memory");
            assertArrayEquals(caCertificate, download(server, "/ca/issuing.crt"), "the CA certificate is served from memory");

            database = EmbeddedDatabase.start(databaseDir, port);
            awaitDegraded(server, false);
            api.revoke(later.getString("serial"));
            assertEquals("revoked", api.ocspStatus(later));
            assertEquals("revoked", api.ocspStatus(revoked));
            given().baseUri(server.baseUrl()).get("/q/health/ready").then().statusCode(200);
        } finally {
            database.close();
        }
    }

    private static byte[] download(ServerProcess server, String path) {
        return given().baseUri(server.baseUrl()).get(path).then().statusCode(200).extract().asByteArray();
    }

    /** Waits for the responder to notice the database going or coming back (an event, bounded). */
    private static void awaitDegraded(ServerProcess server, boolean degraded) throws InterruptedException {
        long deadline = System.nanoTime() + RECOVERY_BOUND.toNanos();
        while (System.nanoTime() < deadline) {
            Boolean current = given().baseUri(server.baseUrl()).get("/q/health/group/ocsp")
                    .then().extract().path("checks.find { it.name == 'OCSP responder' }.data.degraded");
            if (current != null && current == degraded) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("The OCSP responder did not report degraded=" + degraded);
    }
}
