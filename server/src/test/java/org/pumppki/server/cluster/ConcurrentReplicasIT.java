package org.pumppki.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.pumppki.ca.crypto.Fingerprint;
import org.pumppki.ca.crypto.Pem;
import org.pumppki.server.testing.AdminClient;
import org.pumppki.server.testing.Devices;
import org.pumppki.server.testing.Fixtures;
import org.pumppki.server.testing.OcspProbe;
import org.pumppki.server.testing.PublishedCrl;
import org.pumppki.server.testing.ReplicaSet;
import org.pumppki.server.testing.ServerProcess;
import org.pumppki.server.testing.StoredCertificates;

/**
 * Two server processes on one PostgreSQL under load, as replicas behind a load balancer: 10,000
 * certificates issued concurrently through both, one replica killed with SIGKILL half-way; what the
 * clients received is compared with what the database holds. Then revocations on both replicas
 * while relying parties fetch CRLs and ask OCSP from the other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConcurrentReplicasIT {

    private static final String PASSWORD = "concurrent-admin-password";
    private static final int CERTIFICATES = 10_000;
    /** Client threads: more than the server's cores, so that requests queue on both replicas. */
    private static final int THREADS = 8;
    /** Each import is one transaction: a thousand rows can outlast its timeout on a loaded machine. */
    private static final int IMPORT_BATCH = 200;
    private static final int REVOCATIONS = 40;
    /** Generous: propagation normally takes milliseconds; this only bounds a hung test. */
    private static final Duration PROPAGATION_BOUND = Duration.ofSeconds(30);

    @TempDir
    static Path workDir;

    private ReplicaSet replicas;

    @BeforeAll
    void startReplicas() throws Exception {
        replicas = ReplicaSet.start(workDir, PASSWORD, 2);
    }

    /** Both replicas running: a test may have killed one. */
    @BeforeEach
    void restartKilledReplicas() throws Exception {
        replicas.startStopped();
    }

    @AfterAll
    void stop() throws Exception {
        replicas.close();
    }

    @Test
    void tenThousandConcurrentIssuancesSurviveTheLossOfOneReplica() throws Exception {
        AdminClient a = new AdminClient(replicas.api(0));
        AdminClient b = new AdminClient(replicas.api(1));
        String prefix = Fixtures.caName("LOAD");
        List<String> deviceIds = registerPumps(prefix, a, b);
        long started = System.nanoTime();
        List<String> csrs = IntStream.range(0, CERTIFICATES).parallel()
                .mapToObj(i -> Devices.csr(Devices.newKey(), "CN=" + prefix + "-" + i)).toList();
        System.out.printf("Made %d EC P-256 CSRs in %d ms%n", CERTIFICATES, millisSince(started));

        Issuance run = new Issuance(a, b, replicas.replica(1));
        started = System.nanoTime();
        run.issueAll(deviceIds, csrs);
        long issuingMillis = millisSince(started);
        System.out.printf("Issued %d certificates through two replicas (one killed after %d) in %d ms: %.0f per second%n",
                run.received.size(), CERTIFICATES / 2, issuingMillis, run.received.size() * 1000.0 / issuingMillis);

        assertEquals(CERTIFICATES, run.received.size(), "every device got a certificate");
        Set<String> receivedSerials = new HashSet<>();
        run.received.values().forEach(e -> assertTrue(receivedSerials.add(e.serial()), "serial " + e.serial() + " returned twice"));

        StoredCertificates stored;
        try (Connection connection = replicas.connect()) {
            stored = StoredCertificates.of(connection, prefix);
        }
        assertEquals(List.of(), stored.duplicateSerials(), "serials in the database are unique");
        for (AdminClient.Enrollment enrollment : run.received.values()) {
            StoredCertificates.Stored record = stored.bySerial().get(enrollment.serial());
            assertTrue(record != null, "certificate " + enrollment.serial() + " a client received is in the database");
            assertEquals(fingerprint(enrollment.certificatePem()), record.sha256Fingerprint(), "the stored certificate is the one returned");
            assertTrue(record.issuanceAudited(), "the issuance of " + enrollment.serial() + " is audited");
        }
        List<StoredCertificates.Stored> unanswered = stored.bySerial().values().stream()
                .filter(record -> !receivedSerials.contains(record.serial())).toList();
        System.out.printf("Clients received %d certificates; the database holds %d for these devices: %d committed by the "
                + "killed replica whose answer never arrived (%d requests were left without an answer and retried)%n",
                receivedSerials.size(), stored.bySerial().size(), unanswered.size(), run.unansweredDevices.size());
        for (StoredCertificates.Stored record : unanswered) {
            assertTrue(run.unansweredDevices.contains(record.deviceId()),
                    "certificate " + record.serial() + " is stored although no request for its device went unanswered");
            assertTrue(record.issuanceAudited(), "the unanswered issuance of " + record.serial() + " is audited too");
        }
        assertTrue(run.unansweredDevices.size() <= THREADS, "only requests in flight at the kill lost their answer");
        a.api().admin().get("/api/v1/audit/verify").then().statusCode(200)
                .body("intact", org.hamcrest.Matchers.equalTo(true));
    }

    @Test
    void revocationsOnEitherReplicaReachTheOthersOcspAndCrlNumbersOnlyIncrease() throws Exception {
        AdminClient a = new AdminClient(replicas.api(0));
        AdminClient b = new AdminClient(replicas.api(1));
        String prefix = Fixtures.caName("REVOKE");
        List<String> serials = IntStream.range(0, REVOCATIONS).mapToObj(i -> prefix + "-" + i).toList();
        List<String> deviceIds = a.importPumps(serials);
        List<AdminClient.Enrollment> enrolled = new ArrayList<>();
        for (int i = 0; i < REVOCATIONS; i++) {
            enrolled.add(a.enroll(deviceIds.get(i), Devices.csr(Devices.newKey(), "CN=" + serials.get(i))));
        }
        X509CertificateHolder issuer = Pem.readCertificates(enrolled.get(0).issuerPem()).get(0);
        String caName = caNameOf(a, issuer);

        // Revocations on both replicas while relying parties fetch the CRL from both.
        List<PublishedCrl> seen = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean revoking = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<BigInteger>>> fetchers = new ArrayList<>();
            for (ServerProcess server : List.of(replicas.replica(0), replicas.replica(1))) {
                fetchers.add(pool.submit(() -> {
                    List<BigInteger> numbers = new ArrayList<>();
                    while (revoking.get()) {
                        PublishedCrl crl = PublishedCrl.fetch(server.baseUrl(), caName, issuer);
                        seen.add(crl);
                        numbers.add(crl.number());
                    }
                    return numbers;
                }));
            }
            List<Future<?>> revokers = new ArrayList<>();
            for (int half = 0; half < 2; half++) {
                AdminClient replica = half == 0 ? a : b;
                List<AdminClient.Enrollment> share = enrolled.subList(half * REVOCATIONS / 2, (half + 1) * REVOCATIONS / 2);
                revokers.add(pool.submit(() -> {
                    for (AdminClient.Enrollment enrollment : share) {
                        replica.revoke(enrollment.serial());
                    }
                    return null;
                }));
            }
            for (Future<?> revoker : revokers) {
                revoker.get(5, TimeUnit.MINUTES);
            }
            revoking.set(false);
            for (Future<List<BigInteger>> fetcher : fetchers) {
                List<BigInteger> numbers = fetcher.get(1, TimeUnit.MINUTES);
                for (int i = 1; i < numbers.size(); i++) {
                    assertTrue(numbers.get(i).compareTo(numbers.get(i - 1)) >= 0,
                            "a relying party saw CRL number " + numbers.get(i) + " after " + numbers.get(i - 1));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        PublishedCrl lastFromA = PublishedCrl.fetch(replicas.replica(0).baseUrl(), caName, issuer);
        PublishedCrl lastFromB = PublishedCrl.fetch(replicas.replica(1).baseUrl(), caName, issuer);
        assertTrue(lastFromA.sameContentAs(lastFromB), "both replicas serve the same CRL once revocations stop");
        Set<BigInteger> revoked = new HashSet<>();
        enrolled.forEach(e -> revoked.add(new BigInteger(e.serial(), 16)));
        assertTrue(lastFromA.revokedSerials().containsAll(revoked), "the CRL lists every revocation");
        seen.add(lastFromA);
        assertCrlsIncreaseStrictly(seen);

        measurePropagation(a, b, prefix + "-AB");
        measurePropagation(b, a, prefix + "-BA");
    }

    /** Distinct CRLs have distinct numbers, and a higher number is a later CRL that keeps every earlier entry. */
    private static void assertCrlsIncreaseStrictly(List<PublishedCrl> seen) {
        List<PublishedCrl> byNumber = new ArrayList<>(seen);
        byNumber.sort(Comparator.comparing(PublishedCrl::number));
        for (int i = 1; i < byNumber.size(); i++) {
            PublishedCrl earlier = byNumber.get(i - 1);
            PublishedCrl later = byNumber.get(i);
            if (later.number().equals(earlier.number())) {
                assertTrue(later.sameContentAs(earlier), "two different CRLs carry number " + later.number());
                continue;
            }
            assertTrue(!later.thisUpdate().isBefore(earlier.thisUpdate()), "CRL " + later.number() + " is older than " + earlier.number());
            assertTrue(later.revokedSerials().containsAll(earlier.revokedSerials()),
                    "CRL " + later.number() + " lost entries of CRL " + earlier.number());
        }
        System.out.printf("Relying parties fetched %d CRLs from both replicas, numbers %s to %s%n", seen.size(),
                byNumber.get(0).number(), byNumber.get(byNumber.size() - 1).number());
    }

    private static void measurePropagation(AdminClient revoking, AdminClient asked, String serial) throws Exception {
        String deviceId = revoking.importPumps(List.of(serial)).get(0);
        AdminClient.Enrollment enrollment = revoking.enroll(deviceId, Devices.csr(Devices.newKey(), "CN=" + serial));
        X509CertificateHolder issuer = Pem.readCertificates(enrollment.issuerPem()).get(0);
        BigInteger number = new BigInteger(enrollment.serial(), 16);
        String ocsp = asked.api().baseUrl() + "/ocsp";
        assertEquals("good", OcspProbe.status(ocsp, issuer, number));

        revoking.revoke(enrollment.serial());
        long started = System.nanoTime();
        String status = OcspProbe.status(ocsp, issuer, number);
        while (!status.equals("revoked") && System.nanoTime() - started < PROPAGATION_BOUND.toNanos()) {
            status = OcspProbe.status(ocsp, issuer, number);
        }
        assertEquals("revoked", status, "the other replica's OCSP responder learns of the revocation");
        System.out.printf("A revocation on %s reached the OCSP answers of %s after %d ms%n",
                revoking.api().httpsUrl(), asked.api().baseUrl(), millisSince(started));
    }

    /** Registers one pump per certificate, in CSV batches alternating between the replicas. */
    private static List<String> registerPumps(String prefix, AdminClient a, AdminClient b) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int from = 0; from < CERTIFICATES; from += IMPORT_BATCH) {
            List<String> serials = IntStream.range(from, Math.min(CERTIFICATES, from + IMPORT_BATCH))
                    .mapToObj(i -> prefix + "-" + i).toList();
            ids.addAll((from / IMPORT_BATCH) % 2 == 0 ? a.importPumps(serials) : b.importPumps(serials));
        }
        return ids;
    }

    /**
     * Issues one certificate per device through a bounded pool, alternating replicas; when half are
     * issued the second replica is killed with SIGKILL. A request it left without an answer is sent
     * again to the first, as a client behind a load balancer would retry.
     */
    private static final class Issuance {
        final Map<String, AdminClient.Enrollment> received = new ConcurrentHashMap<>();
        final Set<String> unansweredDevices = ConcurrentHashMap.newKeySet();
        private final AdminClient survivor;
        private final AdminClient victim;
        private final ServerProcess victimProcess;
        private final AtomicInteger done = new AtomicInteger();
        private volatile boolean killed;

        Issuance(AdminClient survivor, AdminClient victim, ServerProcess victimProcess) {
            this.survivor = survivor;
            this.victim = victim;
            this.victimProcess = victimProcess;
        }

        void issueAll(List<String> deviceIds, List<String> csrs) throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<?>> tasks = new ArrayList<>();
                for (int i = 0; i < deviceIds.size(); i++) {
                    int index = i;
                    tasks.add(pool.submit(() -> {
                        issue(index, deviceIds.get(index), csrs.get(index));
                        return null;
                    }));
                }
                for (Future<?> task : tasks) {
                    task.get(10, TimeUnit.MINUTES);
                }
            } finally {
                pool.shutdownNow();
            }
        }

        private void issue(int index, String deviceId, String csr) throws Exception {
            AdminClient replica = index % 2 == 1 && !killed ? victim : survivor;
            AdminClient.Enrollment enrollment;
            try {
                enrollment = replica.enroll(deviceId, csr);
            } catch (AdminClient.NoAnswerException e) {
                if (replica != victim || !killed) {
                    throw e;
                }
                unansweredDevices.add(deviceId);
                enrollment = survivor.enroll(deviceId, csr);
            }
            received.put(deviceId, enrollment);
            if (done.incrementAndGet() == CERTIFICATES / 2) {
                killed = true;
                victimProcess.process().destroyForcibly();
                victimProcess.process().waitFor();
            }
        }
    }

    private static String caNameOf(AdminClient admin, X509CertificateHolder issuer) {
        return admin.api().admin().get("/api/v1/cas").then().statusCode(200).extract().jsonPath()
                .getString("find { it.sha256Fingerprint == '" + Fingerprint.sha256(issuer) + "' }.name");
    }

    private static String fingerprint(String certificatePem) throws Exception {
        return Fingerprint.sha256(Pem.readCertificates(certificatePem).get(0));
    }

    private static long millisSince(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos).toMillis();
    }
}
