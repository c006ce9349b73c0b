package org.pumppki.server.cluster;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pumppki.ca.crypto.Pem;
import org.pumppki.ca.keys.MasterKey;
import org.pumppki.ca.testing.InteropTools;
import org.pumppki.server.testing.Fixtures;
import org.pumppki.server.testing.InstalledPostgres;
import org.pumppki.server.testing.OcspProbe;
import org.pumppki.server.testing.PublishedCrl;
import org.pumppki.server.testing.ServerApi;
import org.pumppki.server.testing.ServerProcess;

/**
 * The backup and restore of docs/backup-restore.md, as an operator runs it: {@code pg_dump -Fc} of
 * a running instance's database, the master key escrowed beside it; {@code pg_restore} into a new
 * database, and a server started on it with the escrowed key serves the same CAs and certificates,
 * answers OCSP for them, keeps issuing, and its audit chain verifies. Needs an installed PostgreSQL
 * with its dump tools (skipped without one, a failure with {@code PKI_REQUIRE_INTEROP=true}).
 */
class BackupRestoreIT {

    private static final String PASSWORD = "backup-admin-password";
    private static final String DATABASE = "pumppki";
    private static final String RESTORED_DATABASE = "pumppki_restored";
    private static final String ISSUING_CA = "issuing";

    @TempDir
    Path workDir;

    @Test
    void aRestoredDumpWithTheEscrowedMasterKeyServesTheSameCasAndCertificates() throws Exception {
        Path bin = InstalledPostgres.newestInstallation().orElse(null);
        InteropTools.require(bin != null, "No PostgreSQL installation with pg_dump and pg_restore under /usr/lib/postgresql "
                + "(Debian: apt-get install postgresql)");
        Path masterKey = workDir.resolve("master.key");
        MasterKey.generateFile(masterKey, new SecureRandom());
        Path escrow = Files.createDirectories(workDir.resolve("escrow"));
        Path backup = Files.createDirectories(workDir.resolve("backup"));

        try (InstalledPostgres postgres = InstalledPostgres.start(bin, DATABASE)) {
            String cas;
            String validSerial;
            String revokedSerial;
            X509CertificateHolder issuer;
            long auditEvents;
            BigInteger crlNumber;
            String revokedAfterDump;
            BigInteger crlNumberAfterDump;
            try (ServerProcess original = ServerProcess.start(workDir.resolve("original"), environment(postgres, DATABASE, masterKey))) {
                ServerApi api = new ServerApi(original, PASSWORD);
                JsonPath valid = api.enrolledPump(Fixtures.serial("KEPT"));
                JsonPath revoked = api.enrolledPump(Fixtures.serial("GONE"));
                revokedAfterDump = api.enrolledPump(Fixtures.serial("LATE")).getString("serial");
                validSerial = valid.getString("serial");
                revokedSerial = revoked.getString("serial");
                api.revoke(revokedSerial);
                issuer = Pem.readCertificates(valid.getString("chain[0]")).get(0);
                crlNumber = PublishedCrl.fetch(original.baseUrl(), ISSUING_CA, issuer).number();
                cas = api.admin().get("/api/v1/cas").then().statusCode(200).extract().asString();
                auditEvents = api.admin().get("/api/v1/audit/verify").then().statusCode(200)
                        .body("intact", equalTo(true)).extract().jsonPath().getLong("eventsChecked");

                // The backup, taken while the instance serves.
                postgres.runClient(backup, "pg_dump", "--format=custom", "--host=127.0.0.1", "--port=" + postgres.port(),
                        "--username=" + InstalledPostgres.OWNER_ROLE, "--dbname=" + DATABASE, "--file=pumppki.dump");
                Files.copy(masterKey, escrow.resolve("master.key"));

                // Life goes on after the dump: a revocation, and a CRL that relying parties fetch.
                api.revoke(revokedAfterDump);
                crlNumberAfterDump = PublishedCrl.fetch(original.baseUrl(), ISSUING_CA, issuer).number();
            }

            postgres.createDatabase(RESTORED_DATABASE);
            postgres.runClient(backup, "pg_restore", "--exit-on-error", "--single-transaction", "--no-owner",
                    "--host=127.0.0.1", "--port=" + postgres.port(), "--username=" + InstalledPostgres.OWNER_ROLE,
                    "--dbname=" + RESTORED_DATABASE, "pumppki.dump");

            Path otherKey = workDir.resolve("other.key");
            MasterKey.generateFile(otherKey, new SecureRandom());
            ServerProcess.Failure withoutEscrow = ServerProcess.startExpectingFailure(workDir.resolve("other-key"),
                    environment(postgres, RESTORED_DATABASE, otherKey));
            assertNotEquals(0, withoutEscrow.exitCode());
            assertTrue(withoutEscrow.output().contains("The master key does not match the stored CA keys"), withoutEscrow.output());

            try (ServerProcess restored = ServerProcess.start(workDir.resolve("restored"),
                    environment(postgres, RESTORED_DATABASE, escrow.resolve("master.key")))) {
                ServerApi api = new ServerApi(restored, PASSWORD);
                assertEquals(JsonPath.from(cas).getList(""), api.admin().get("/api/v1/cas").then().statusCode(200)
                        .extract().jsonPath().getList(""), "the same CAs, keys and states");
                for (String serial : List.of(validSerial, revokedSerial)) {
                    api.admin().get("/api/v1/certificates/" + serial).then().statusCode(200);
                }
                String ocsp = restored.baseUrl() + "/ocsp";
                assertEquals("good", OcspProbe.status(ocsp, issuer, new BigInteger(validSerial, 16)));
                assertEquals("revoked", OcspProbe.status(ocsp, issuer, new BigInteger(revokedSerial, 16)));
                PublishedCrl crl = PublishedCrl.fetch(restored.baseUrl(), ISSUING_CA, issuer);
                assertTrue(crl.number().compareTo(crlNumber) >= 0, "CRL numbers continue from the backup");
                assertTrue(crl.revokedSerials().contains(new BigInteger(revokedSerial, 16)));
                assertEquals("good", OcspProbe.status(ocsp, issuer, new BigInteger(revokedAfterDump, 16)),
                        "a revocation after the dump is lost: the documented reason to re-apply them");

                JsonPath issuedAfterRestore = api.enrolledPump(Fixtures.serial("AFTER"));
                assertEquals(issuer.getSubject().toString(),
                        Pem.readCertificates(issuedAfterRestore.getString("chain[0]")).get(0).getSubject().toString(),
                        "the restored CA key signs under the escrowed master key");
                api.revoke(issuedAfterRestore.getString("serial"));
                PublishedCrl afterRestore = PublishedCrl.fetch(restored.baseUrl(), ISSUING_CA, issuer);
                assertTrue(afterRestore.revokedSerials().contains(new BigInteger(issuedAfterRestore.getString("serial"), 16)));
                assertTrue(afterRestore.number().compareTo(crlNumberAfterDump) > 0, "CRL " + afterRestore.number()
                        + " of the restored CA reuses no number the old instance published after the dump ("
                        + crlNumberAfterDump + ")");
                long restoredEvents = api.admin().get("/api/v1/audit/verify").then().statusCode(200)
                        .body("intact", equalTo(true)).extract().jsonPath().getLong("eventsChecked");
                assertTrue(restoredEvents > auditEvents, "the chain goes on from the restored events");
            }
        }
    }

    private static Map<String, String> environment(InstalledPostgres postgres, String database, Path masterKey) {
        return Map.of(
                "PKI_DATA_DIR", masterKey.resolveSibling(database + "-data").toString(),
                "PKI_DB_URL", postgres.jdbcUrl(database),
                "PKI_DB_USERNAME", InstalledPostgres.APPLICATION_ROLE,
                "PKI_DB_PASSWORD", postgres.applicationPassword(),
                "PKI_DB_MIGRATION_USERNAME", InstalledPostgres.OWNER_ROLE,
                "PKI_DB_MIGRATION_PASSWORD", postgres.ownerPassword(),
                "PKI_MASTER_KEY_FILE", masterKey.toString(),
                "PKI_BOOTSTRAP_ADMIN_PASSWORD", PASSWORD);
    }
}
