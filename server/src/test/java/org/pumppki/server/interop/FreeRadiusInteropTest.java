package org.pumppki.server.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.bouncycastle.est.ESTService;
import org.bouncycastle.est.EnrollmentResponse;
import org.pumppki.server.testing.EstClient;
import java.util.Optional;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.pumppki.ca.crypto.AlgorithmPreset;
import org.pumppki.ca.crypto.Pem;
import org.pumppki.ca.testing.InteropTools;
import org.pumppki.ca.testing.TestCsr;
import org.pumppki.ca.testing.TestKeys;
import org.pumppki.ca.testing.TestPki;
import org.pumppki.server.interop.EapolTest.Outcome;
import org.pumppki.server.testing.Fixtures;

/**
 * The first milestone's proof: a real FreeRADIUS 3.2 authenticates pumps with EAP-TLS, using a
 * server certificate PumpPKI issued, and asks PumpPKI's OCSP responder about the pump's certificate
 * at every login, so that a revoked or held pump is refused at its very next attempt.
 *
 * <p>Needs {@code freeradius} and {@code eapol_test} on the PATH; skipped without them, failed
 * with {@code PKI_REQUIRE_INTEROP=true}. FreeRADIUS starts once for the class, at its first test.
 * Every test enrolls its own pumps, so the tests do not depend on each other's order; JUnit runs
 * them one at a time, which {@code freeradius -X} (single-threaded) needs anyway.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FreeRadiusInteropTest {

    private static final String RADIUS_HOSTNAME = "radius.test";
    private static final AlgorithmPreset PRESET = AlgorithmPreset.EC_P256_SHA256;
    /** FreeRADIUS logs its verdict before sending it, but the log is read on another thread. */
    private static final Duration VERDICT_TIMEOUT = Duration.ofSeconds(10);

    private Path workDirectory;
    private final PumpPkiAdmin pki = new PumpPkiAdmin();
    private FreeRadiusServer radius;
    private EapolTest eapolTest;

    @BeforeAll
    void keepFilesIn(@TempDir Path directory) {
        workDirectory = directory;
    }

    /**
     * Checks for the tools before every test rather than once in {@code @BeforeAll}, so that each
     * test is reported as skipped with the reason; a class aborted in {@code @BeforeAll} just
     * vanishes from the report. FreeRADIUS itself starts only once, for the first test.
     */
    @BeforeEach
    void freeRadiusIsRunning() {
        Path freeradius = InteropTools.requireTool("freeradius");
        Path eapolTestTool = InteropTools.requireTool("eapol_test");
        if (radius == null) {
            startFreeRadius(freeradius, eapolTestTool);
        }
    }

    @AfterAll
    void stopFreeRadius() {
        if (radius != null) {
            radius.close();
        }
    }

    @Test
    void aPumpInGoodStandingIsAccepted() {
        Pump pump = enrolledPump();

        assertAccepted(login(pump));
    }

    @Test
    void aRevokedPumpIsRefused() {
        Pump pump = enrolledPump();
        pki.revoke(pump.certificateSerial(), "keyCompromise");

        Login login = login(pump);

        assertRefused(login, "Cert status: revoked");
        assertLogged(login, "Reason: keyCompromise");
    }

    @Test
    void aPumpRevokedAfterLoggingInIsRefusedAtItsNextLogin() {
        Pump pump = enrolledPump();
        assertAccepted(login(pump));

        pki.revoke(pump.certificateSerial(), "keyCompromise");

        // At once: FreeRADIUS caches neither OCSP answers nor TLS sessions, and PumpPKI's index is current.
        assertRefused(login(pump), "Cert status: revoked");
    }

    @Test
    void aPumpOnHoldIsRefusedUntilReleased() {
        Pump pump = enrolledPump();

        pki.hold(pump.certificateSerial());
        Login held = login(pump);
        assertRefused(held, "Cert status: revoked");
        assertLogged(held, "Reason: certificateHold");

        pki.release(pump.certificateSerial());
        assertAccepted(login(pump));
    }

    @Test
    void aPumpEnrolledOverEstIsAcceptedAndSoIsItsReenrolledCertificate() throws Exception {
        String serial = Fixtures.serial("EST-PUMP");
        String deviceId = pki.registerPump(serial);
        KeyPair key = TestKeys.fresh(PRESET);
        X509CertificateHolder enrolled = estEnroll(serial, pki.enrollmentCode(deviceId), key);
        Pump pump = estPump(serial, key, enrolled);
        assertAccepted(login(pump));

        KeyPair nextKey = TestKeys.fresh(PRESET);
        EnrollmentResponse reenrolled = EstClient.withClientCertificate(Optional.empty(), key.getPrivate(),
                EstClient.jca(enrolled)).simpleEnroll(true, EstClient.csr(nextKey, enrolled.getSubject()), null);
        Pump renewed = estPump(serial, nextKey, ESTService.storeToArray(reenrolled.getStore())[0]);

        assertAccepted(login(renewed));
        // Until its grace period ends, the replaced certificate still lets a pump mid-rollout in.
        assertAccepted(login(pump));
    }

    @Test
    void aPumpCertificateFromAForeignCaIsRefused() {
        TestPki foreign = TestPki.create(PRESET, Instant.now(), TestPki.defaultSettings().build());
        String serial = Fixtures.serial("FOREIGN");
        X509CertificateHolder certificate = foreign.issuePump(serial);
        Path directory = createDirectory(serial);
        TlsCredentials credentials = TlsCredentials.write(directory, "pump", foreign.pumpKey().getPrivate(),
                List.of(Pem.certificate(certificate), Pem.certificate(foreign.issuingCertificate())));

        Login login = login(new Pump(serial, certificate.getSerialNumber().toString(16), credentials, directory));

        // PumpPKI's root and issuing CA are FreeRADIUS's only trust anchors.
        assertRefused(login, "unable to get local issuer certificate");
    }

    /** Enrolls the RADIUS server in PumpPKI and starts FreeRADIUS with that certificate. */
    private void startFreeRadius(Path freeradius, Path eapolTestTool) {
        Path raddb = createDirectory("raddb");
        KeyPair key = TestKeys.fresh(PRESET);
        String deviceId = pki.registerRadiusServer(Fixtures.serial("RADIUS"), RADIUS_HOSTNAME);
        PumpPkiAdmin.Issued server = pki.enroll(deviceId,
                TestCsr.forKey(key).subject("CN=" + RADIUS_HOSTNAME).dns(RADIUS_HOSTNAME).build());
        TlsCredentials serverCredentials = TlsCredentials.write(raddb, "server", key.getPrivate(), server.presentedChain());
        Path caBundle = TlsCredentials.writePem(raddb.resolve("ca.pem"), server.chain());
        // The test port is 0 in the configuration; Quarkus replaces it with the port it bound.
        int httpPort = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        URI ocspUrl = URI.create("http://127.0.0.1:" + httpPort + "/ocsp");
        String secret = randomSecret();

        radius = FreeRadiusServer.start(freeradius, raddb, new FreeRadiusConfig(
                serverCredentials.certificateChain(), serverCredentials.privateKey(), caBundle, ocspUrl, secret));
        // Pumps trust PumpPKI's root for the RADIUS server's certificate, and want it to be radius.test.
        Path root = TlsCredentials.writePem(workDirectory.resolve("root.pem"), List.of(server.root()));
        eapolTest = new EapolTest(eapolTestTool, radius.port(), secret, root, RADIUS_HOSTNAME);
    }

    /** A pump registered and enrolled in PumpPKI with a key of its own, its files in a directory of its own. */
    private Pump enrolledPump() {
        String serial = Fixtures.serial("RADIUS-PUMP");
        KeyPair key = TestKeys.fresh(PRESET);
        String deviceId = pki.registerPump(serial);
        PumpPkiAdmin.Issued issued = pki.enroll(deviceId, TestCsr.forKey(key).subject("CN=" + serial).build());
        Path directory = createDirectory(serial);
        return new Pump(serial, issued.serial(),
                TlsCredentials.write(directory, "pump", key.getPrivate(), issued.presentedChain()), directory);
    }

    private static X509CertificateHolder estEnroll(String serial, String code, KeyPair key) throws Exception {
        EnrollmentResponse response = EstClient.service(Optional.empty())
                .simpleEnroll(false, EstClient.csr(key, new org.bouncycastle.asn1.x500.X500Name("CN=" + serial)),
                        EstClient.basic(serial, code));
        return ESTService.storeToArray(response.getStore())[0];
    }

    /** A pump with a certificate from EST, presenting it with the issuing CA from {@code cacerts}. */
    private Pump estPump(String serial, KeyPair key, X509CertificateHolder certificate) throws Exception {
        X509CertificateHolder issuing = java.util.Arrays.stream(ESTService.storeToArray(
                EstClient.service(Optional.empty()).getCACerts().getCertificateStore()))
                .filter(ca -> !ca.getSubject().equals(ca.getIssuer())).findFirst().orElseThrow();
        Path directory = createDirectory(serial + "-" + certificate.getSerialNumber().toString(16));
        return new Pump(serial, certificate.getSerialNumber().toString(16), TlsCredentials.write(directory, "pump",
                key.getPrivate(), List.of(Pem.certificate(certificate), Pem.certificate(issuing))), directory);
    }

    /** One EAP-TLS login, and what FreeRADIUS logged about it up to its verdict. */
    private Login login(Pump pump) {
        int mark = radius.mark();
        EapolTest.Result result = eapolTest.authenticate(pump.serial(), pump.credentials(), pump.directory());
        radius.awaitLog(mark, line -> line.contains("Sent Access-Accept") || line.contains("Sent Access-Reject"),
                VERDICT_TIMEOUT);
        return new Login(pump, result, radius.logSince(mark), radius.logTail(mark, 60));
    }

    private static void assertAccepted(Login login) {
        assertEquals(Outcome.SUCCESS, login.eapol().outcome(), login.diagnosis("the pump should have been accepted"));
        // Proves that FreeRADIUS asked PumpPKI, rather than accepting on the chain alone.
        assertLogged(login, "Cert status: good");
    }

    private static void assertRefused(Login login, String reasonInRadiusLog) {
        assertEquals(Outcome.FAILURE, login.eapol().outcome(), login.diagnosis("the pump should have been refused"));
        // A FAILURE could also be a timeout; only an Access-Reject shows that FreeRADIUS decided.
        assertTrue(login.eapol().rejected(), login.diagnosis("FreeRADIUS should have answered Access-Reject"));
        assertLogged(login, reasonInRadiusLog);
    }

    private static void assertLogged(Login login, String text) {
        assertTrue(login.radiusLog().stream().anyMatch(line -> line.contains(text)),
                login.diagnosis("the FreeRADIUS log should say '" + text + "'"));
    }

    private Path createDirectory(String name) {
        try {
            return Files.createDirectory(workDirectory.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String randomSecret() {
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        return HexFormat.of().formatHex(secret);
    }

    /** A pump's identity and its credentials on disk. */
    private record Pump(String serial, String certificateSerial, TlsCredentials credentials, Path directory) {
    }

    /** A login attempt as both sides saw it. */
    private record Login(Pump pump, EapolTest.Result eapol, List<String> radiusLog, String radiusLogTail) {

        String diagnosis(String expectation) {
            return "Pump " + pump.serial() + " (certificate " + pump.certificateSerial() + "): " + expectation + ".\n"
                    + "eapol_test: " + eapol.outcome() + (eapol.rejected() ? " (Access-Reject)" : "") + "\n"
                    + "--- eapol_test, last lines ---\n" + eapol.tail(25) + "\n"
                    + "--- FreeRADIUS during this login, last lines ---\n" + radiusLogTail + "\n";
        }
    }
}
