package org.pumppki.server.cluster;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import org.bouncycastle.cert.X509CRLHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.pumppki.ca.crypto.Der;
import org.pumppki.server.testing.Fixtures;
import org.pumppki.server.testing.ReplicaSet;
import org.pumppki.server.testing.ServerApi;
import org.pumppki.server.testing.ServerProcess;

/**
 * Two replicas on one PostgreSQL, as in a Kubernetes deployment: a revocation made through one is
 * answered by the other's OCSP responder and listed in the CRL the other serves from memory, and CRL
 * numbers keep increasing whichever replica publishes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplicasIT {

    private static final String PASSWORD = "replica-admin-password";
    /** Generous: propagation normally takes milliseconds; this only bounds a hung test. */
    private static final Duration PROPAGATION_BOUND = Duration.ofSeconds(30);

    @TempDir
    static Path workDir;

    private ReplicaSet replicas;

    @BeforeAll
    void startTwoReplicas() throws Exception {
        replicas = ReplicaSet.start(workDir, PASSWORD, 2);
    }

    @AfterAll
    void stop() throws Exception {
        replicas.close();
    }

    @Test
    void aRevocationOnOneReplicaIsAnsweredByTheOther() throws Exception {
        ServerApi a = replicas.api(0);
        ServerApi b = replicas.api(1);
        JsonPath pump = a.enrolledPump(Fixtures.serial("REPL"));
        assertEquals("good", b.ocspStatus(pump));

        a.revoke(pump.getString("serial"));
        assertEquals("revoked", a.ocspStatus(pump), "visible at once on the replica that revoked");

        long started = System.nanoTime();
        String status = b.ocspStatus(pump);
        while (!status.equals("revoked") && System.nanoTime() - started < PROPAGATION_BOUND.toNanos()) {
            status = b.ocspStatus(pump);
        }
        assertEquals("revoked", status, "the other replica learns of the revocation");
        System.out.printf("Revocation reached the other replica's OCSP answers after %d ms%n",
                Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    @Test
    void crlNumbersIncreaseAcrossReplicas() throws Exception {
        ServerApi a = replicas.api(0);
        ServerApi b = replicas.api(1);
        BigInteger previous = crlNumber(crl(replicas.replica(0)));
        for (int i = 0; i < 3; i++) {
            ServerApi revoking = i % 2 == 0 ? a : b;
            ServerProcess fetching = replicas.replica(i % 2 == 0 ? 1 : 0);
            // The fetching replica holds its current CRL in memory before the revocation happens elsewhere.
            crl(fetching);
            String revoked = revoking.enrolledPump(Fixtures.serial("CRL" + i)).getString("serial");
            revoking.revoke(revoked);
            BigInteger serial = new BigInteger(revoked, 16);

            long started = System.nanoTime();
            X509CRLHolder crl = crl(fetching);
            while (crl.getRevokedCertificate(serial) == null && System.nanoTime() - started < PROPAGATION_BOUND.toNanos()) {
                crl = crl(fetching);
            }
            assertTrue(crl.getRevokedCertificate(serial) != null, "the other replica's CRL lists the revocation");
            BigInteger current = crlNumber(crl);
            assertTrue(current.compareTo(previous) > 0, "CRL number " + current + " after " + previous);
            previous = current;
        }
    }

    private static X509CRLHolder crl(ServerProcess server) {
        return Der.crl(given().baseUri(server.baseUrl()).get("/crl/issuing.crl").then().statusCode(200).extract().asByteArray());
    }

    private static BigInteger crlNumber(X509CRLHolder crl) {
        return org.bouncycastle.asn1.x509.CRLNumber.getInstance(
                crl.getExtension(org.bouncycastle.asn1.x509.Extension.cRLNumber).getParsedValue()).getCRLNumber();
    }
}
