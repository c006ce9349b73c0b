package org.pumppki.server;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pumppki.server.testing.PostgresProcesses;
import org.pumppki.server.testing.ServerApi;
import org.pumppki.server.testing.ServerProcess;
import org.pumppki.server.testing.SharedDatabase;

/** The server as the README starts it: first start, restart on the same data, external database. */
class ServerLifecycleIT {

    /** 32 bytes, base64: a master key unrelated to any generated one. */
    private static final String MASTER_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    @TempDir
    Path workDir;

    @Test
    void firstStartCreatesTheAdminAndARestartKeepsItWithoutLeavingPostgresBehind() throws Exception {
        Path dataDir = workDir.resolve("data");
        Map<String, String> env = Map.of("PKI_DATA_DIR", dataDir.toString());
        String password;
        List<String> caFingerprints;
        try (ServerProcess server = ServerProcess.start(workDir, env)) {
            given().baseUri(server.baseUrl()).get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
            given().baseUri(server.baseUrl()).get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));

            Path passwordFile = dataDir.resolve("initial-admin-password");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile)));
            password = Files.readString(passwordFile).strip();
            assertTrue(server.output().contains(password), "the generated password is written once to the log");
            assertMe(server, password);
            caFingerprints = caFingerprints(server, password);
            assertEquals(2, caFingerprints.size(), "a root and an issuing CA on first start");

            List<ProcessHandle> postgres = runningPostgresOn(dataDir);
            assertFalse(postgres.isEmpty(), "the embedded PostgreSQL runs on the data directory");
            int exitCode = server.terminate();
            assertTrue(exitCode == 0 || exitCode == 143, "clean exit after SIGTERM, got " + exitCode);
            postgres.forEach(p -> assertFalse(PostgresProcesses.running(p), "postgres " + p.pid() + " outlived the server"));
            assertTrue(runningPostgresOn(dataDir).isEmpty());
        }

        try (ServerProcess server = ServerProcess.start(workDir, env)) {
            assertMe(server, password);
            assertFalse(server.output().contains("Created user 'admin'"), "no second admin on restart");
            assertEquals(password, Files.readString(dataDir.resolve("initial-admin-password")).strip());
            assertEquals(caFingerprints, caFingerprints(server, password), "the same CA certificates after a restart");
            server.terminate();
        }
        assertTrue(runningPostgresOn(dataDir).isEmpty());
    }

    @Test
    void aStartAfterTheServerWasKilledStopsThePostgresItLeftRunning() throws Exception {
        Path dataDir = workDir.resolve("data");
        Map<String, String> env = Map.of("PKI_DATA_DIR", dataDir.toString());
        String password;
        try (ServerProcess server = ServerProcess.start(workDir, env)) {
            password = Files.readString(dataDir.resolve("initial-admin-password")).strip();
            server.process().destroyForcibly();
            assertTrue(server.process().waitFor(60, TimeUnit.SECONDS), "SIGKILL ends the JVM");
        }
        List<ProcessHandle> leftRunning = runningPostgresOn(dataDir);
        assertFalse(leftRunning.isEmpty(), "a killed JVM cannot stop its PostgreSQL");

        try (ServerProcess server = ServerProcess.start(workDir, env)) {
            assertMe(server, password);
            assertTrue(server.output().contains("from an earlier run still holds"), server.output());
            leftRunning.forEach(p -> assertFalse(PostgresProcesses.running(p), "postgres " + p.pid() + " was stopped"));
            server.terminate();
        }
        assertTrue(runningPostgresOn(dataDir).isEmpty());
    }

    @Test
    void theMasterKeyIsGeneratedOnceAndAWrongOneStopsStartUp() throws Exception {
        Path dataDir = workDir.resolve("data");
        try (ServerProcess server = ServerProcess.start(workDir, Map.of("PKI_DATA_DIR", dataDir.toString()))) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("master.key"))));
            server.terminate();
        }
        String original = Files.readString(dataDir.resolve("master.key"));

        ServerProcess.Failure failure = ServerProcess.startExpectingFailure(workDir,
                Map.of("PKI_DATA_DIR", dataDir.toString(), "PKI_MASTER_KEY", MASTER_KEY));
        assertTrue(failure.output().contains("The master key does not match the stored CA keys"), failure.output());
        assertEquals(original, Files.readString(dataDir.resolve("master.key")), "the key file is never regenerated");
        assertTrue(runningPostgresOn(dataDir).isEmpty(), "a failed start stops its database too");
    }

    @Test
    void externalDatabaseUrlIsUsedAndReadinessFollowsTheDatabase() throws Exception {
        Path dataDir = workDir.resolve("data");
        EmbeddedDatabase external = EmbeddedDatabase.start(workDir.resolve("external-postgres"));
        try (ServerProcess server = ServerProcess.start(workDir, SharedDatabase.environment(external, Map.of(
                "PKI_DATA_DIR", dataDir.toString(),
                "PKI_BOOTSTRAP_ADMIN_PASSWORD", "external-admin-password",
                "PKI_MASTER_KEY", MASTER_KEY)))) {
            assertMe(server, "external-admin-password");
            assertTrue(runningPostgresOn(dataDir).isEmpty(), "no embedded PostgreSQL with an external URL");
            assertFalse(Files.exists(dataDir.resolve("postgres")));
            assertFalse(Files.exists(dataDir.resolve("initial-admin-password")), "a configured password is not written");

            external.close();
            given().baseUri(server.baseUrl()).get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
            given().baseUri(server.baseUrl()).get("/q/health/live").then().statusCode(200);
        } finally {
            external.close();
        }
    }

    private static List<String> caFingerprints(ServerProcess server, String password) {
        return new ServerApi(server, password).admin()
                .get("/api/v1/cas").then().statusCode(200).extract().jsonPath().getList("sha256Fingerprint", String.class);
    }

    private static void assertMe(ServerProcess server, String password) {
        new ServerApi(server, password).admin()
                .get("/api/v1/me").then().statusCode(200).body("username", equalTo("admin"));
    }

    private static List<ProcessHandle> runningPostgresOn(Path dataDir) {
        return PostgresProcesses.runningOn(dataDir.resolve("postgres"));
    }
}
