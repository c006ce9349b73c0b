package org.pumppki.server.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.pumppki.ca.crypto.AlgorithmPreset;
import org.pumppki.ca.crypto.Der;
import org.pumppki.ca.crypto.Pem;
import org.pumppki.ca.service.authority.CertificateAuthorities;
import org.pumppki.ca.service.revocation.OcspLookupRecorder;
import org.pumppki.ca.store.CertificateAuthorityRecord;
import org.pumppki.ca.testing.InteropTools;
import org.pumppki.ca.testing.TestCsr;
import org.pumppki.ca.testing.TestKeys;
import org.pumppki.ca.testing.TestPki;
import org.pumppki.server.testing.EnrolledPump;
import org.pumppki.server.testing.Fixtures;
import org.pumppki.server.interop.PumpServerTestbed.Pump;
import org.pumppki.server.interop.PumpServerTestbed.PumpServer;
import org.pumppki.server.testing.TestIssuingCa;

/**
 * nginx as a pump server, configured as {@code docs/pump-server.md} says, with a pump-server
 * certificate from PumpPKI; curl plays the pump. nginx checks every pump's certificate and its
 * issuing CA over PumpPKI's OCSP responder at every connection and staples its own status, which
 * curl verifies.
 *
 * <p>Needs {@code nginx} and {@code curl} on the PATH; skipped without them, failed with
 * {@code PKI_REQUIRE_INTEROP=true}. The shared nginx starts once for the class, at its first test;
 * the tests that change the server (its certificate, its responder) start one of their own. Every
 * test enrolls its own pumps.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NginxPumpServerInteropTest {

    private static final AlgorithmPreset PRESET = PumpServerTestbed.PRESET;
    /** nginx fetches its staple on the first handshake that needs it and staples from the next ones on. */
    private static final int STAPLE_ATTEMPTS = 50;
    /** Handshakes to wait through after a reload until the new worker answers: old ones may still accept. */
    private static final int RELOAD_ATTEMPTS = 50;
    /** What nginx answers over an established TLS connection when it refuses the client certificate. */
    private static final int CERTIFICATE_REFUSED = 400;

    @Inject
    CertificateAuthorities authorities;

    @Inject
    OcspLookupRecorder lookupRecorder;

    @Inject
    EntityManager entityManager;

    private PumpServerTestbed testbed;
    private PumpPkiAdmin pki;
    private Path nginxTool;
    private CurlPump curl;
    private NginxPumpServer nginx;

    @BeforeAll
    void keepFilesIn(@TempDir Path directory) {
        testbed = new PumpServerTestbed(directory);
        pki = testbed.pki();
    }

    /** Checks for the tools before every test, so that each is reported skipped (or failed) with the reason. */
    @BeforeEach
    void nginxIsRunning() {
        nginxTool = InteropTools.requireTool("nginx");
        Path curlTool = InteropTools.requireTool("curl");
        if (nginx == null) {
            PumpServer server = testbed.pumpServer("nginx");
            curl = new CurlPump(curlTool, server.root());
            nginx = NginxPumpServer.start(nginxTool, server.directory(), PumpServerTestbed.pkiBaseUrl());
        }
    }

    @AfterAll
    void stopNginx() {
        if (nginx != null) {
            nginx.close();
        }
    }

    @Test
    void aGoodPumpGetsInAndSeesAVerifiedStapledStatusOfTheServer() {
        Pump pump = testbed.enrolledPump();

        CurlPump.Result result = curl.getUntilStapled(nginx.port(), pump.credentials(), STAPLE_ATTEMPTS);

        assertTrue(result.accepted(pump.serial()), diagnosis("the pump should have got in with a stapled status", result, 0));
        assertTrue(result.output().contains("SSL certificate status: good"), diagnosis("curl checked the staple", result, 0));
    }

    @Test
    void aPumpRevokedAMomentAgoIsRefusedAtItsNextConnection() {
        Pump pump = testbed.enrolledPump();
        assertAccepted(pump);

        pki.revoke(pump.certificateSerial(), "keyCompromise");

        // At once: ssl_ocsp_cache is off, curl resumes no session, and PumpPKI's status index is current.
        assertRefused(pump, "certificate revoked");
    }

    @Test
    void aPumpOnHoldIsRefusedAndGetsInAgainOnceReleased() {
        Pump pump = testbed.enrolledPump();
        assertAccepted(pump);

        pki.hold(pump.certificateSerial());
        assertRefused(pump, "certificate revoked");

        pki.release(pump.certificateSerial());
        assertAccepted(pump);
    }

    @Test
    void nginxAsksAboutTheIssuingCaTooAndRefusesThePumpOnceTheCaIsRevoked() {
        TestIssuingCa ca = TestIssuingCa.create("nginx");
        EnrolledPump enrolled = ca.enrollUnderIt("NGINX-PUMP");
        Pump pump = testbed.pump(enrolled.deviceSerial(), enrolled.serial(), enrolled.keyPair(),
                List.of(Pem.certificate(enrolled.certificate()), Pem.certificate(ca.certificate())));
        assertAccepted(pump);
        // ssl_ocsp on, not leaf: PumpPKI's root answered for the issuing CA.
        assertTrue(ocspLookupsOf(ca.certificate().getSerialNumber()) > 0, "nginx asked about the issuing CA");

        ca.revoke("cACompromise");

        assertRefused(pump, "certificate revoked");
    }

    @Test
    void aPumpFromAForeignCaIsRefused() {
        TestPki foreign = TestPki.create(PRESET, Instant.now(), TestPki.defaultSettings().build());
        String serial = Fixtures.serial("FOREIGN");
        X509CertificateHolder certificate = foreign.issuePump(serial);
        Pump pump = testbed.pump(serial, certificate.getSerialNumber().toString(16), foreign.pumpKey(),
                List.of(Pem.certificate(certificate), Pem.certificate(foreign.issuingCertificate())));

        // PumpPKI's root is nginx's only trust anchor for pumps.
        assertRefused(pump, "unable to get local issuer certificate");
    }

    @Test
    void anExpiredPumpCertificateIsRefused() throws CertIOException {
        Pump current = testbed.enrolledPump();
        Pump expired = expiredCopyOf(current);

        assertRefused(expired, "certificate has expired");
        assertAccepted(current);
    }

    @Test
    void aServerCertificatePresentedByAPumpIsRefused() {
        // A RADIUS server's certificate is PumpPKI's, from the same issuing CA, but for serverAuth only.
        KeyPair key = TestKeys.fresh(PRESET);
        String hostname = "radius.test";
        String serial = Fixtures.serial("RADIUS");
        PumpPkiAdmin.Issued server = pki.enroll(pki.registerRadiusServer(serial, hostname),
                TestCsr.forKey(key).subject("CN=" + hostname).dns(hostname).build());

        assertRefused(testbed.pump(serial, server.serial(), key, server.presentedChain()), "unsuitable certificate purpose");
    }

    @Test
    void theServerCertificateRenewedThroughPumpPkiAndReloadedByNginxKeepsPumpsConnected() {
        PumpServer files = testbed.pumpServer("renewal");
        Pump pump = testbed.enrolledPump();
        try (NginxPumpServer server = NginxPumpServer.start(nginxTool, files.directory(), PumpServerTestbed.pkiBaseUrl())) {
            CurlPump.Result before = curl.getUntilStapled(server.port(), pump.credentials(), STAPLE_ATTEMPTS);
            assertTrue(before.accepted(pump.serial()), diagnosis("accepted before the renewal", before, server, 0));
            assertEquals(files.serialNumber(), before.serverCertificateSerial().orElseThrow());

            KeyPair nextKey = TestKeys.fresh(PRESET);
            PumpPkiAdmin.Issued renewed = pki.renew(files.certificate().serial(), PumpServerTestbed.serverCsr(nextKey));
            replaceCredentials(files.directory(), nextKey, renewed.presentedChain());
            int mark = server.mark();
            server.reload();

            BigInteger renewedSerial = new BigInteger(renewed.serial(), 16);
            List<CurlPump.Result> duringReload = new ArrayList<>();
            do {
                duringReload.add(curl.get(server.port(), pump.credentials(), false));
            } while (duringReload.size() < RELOAD_ATTEMPTS
                    && !duringReload.get(duringReload.size() - 1).serverCertificateSerial().equals(Optional.of(renewedSerial)));
            CurlPump.Result last = duringReload.get(duringReload.size() - 1);
            for (CurlPump.Result connection : duringReload) {
                assertTrue(connection.accepted(pump.serial()), diagnosis("no connection refused during the reload", connection, server, mark));
            }
            assertEquals(renewedSerial, last.serverCertificateSerial().orElseThrow(), diagnosis("the renewed certificate", last, server, mark));
            // An old worker may still take a connection or two while it winds down; the renewed
            // certificate is the one every connection gets once it has, with its staple.
            CurlPump.Result stapled = curl.getUntilStapled(server.port(), pump.credentials(), STAPLE_ATTEMPTS);
            for (int attempt = 1; attempt < STAPLE_ATTEMPTS
                    && !stapled.serverCertificateSerial().equals(Optional.of(renewedSerial)); attempt++) {
                stapled = curl.getUntilStapled(server.port(), pump.credentials(), STAPLE_ATTEMPTS);
            }
            assertTrue(stapled.accepted(pump.serial()), diagnosis("a staple for the renewed certificate", stapled, server, mark));
            assertEquals(renewedSerial, stapled.serverCertificateSerial().orElseThrow(),
                    diagnosis("the renewed certificate, stapled", stapled, server, mark));
        }
    }

    @Test
    void withAnOcspCacheNginxLetsAPumpRevokedAMomentAgoInUntilTheCachedAnswerExpires() {
        // The trade-off the documented configuration avoids by leaving ssl_ocsp_cache off.
        PumpServer files = testbed.pumpServer("ocsp-cache");
        Pump pump = testbed.enrolledPump();
        try (NginxPumpServer server = NginxPumpServer.start(nginxTool, files.directory(), PumpServerTestbed.pkiBaseUrl(),
                Map.of("ssl_ocsp_cache     off;", "ssl_ocsp_cache     shared:pump_ocsp:1m;"))) {
            CurlPump.Result first = curl.get(server.port(), pump.credentials(), false);
            assertTrue(first.accepted(pump.serial()), diagnosis("accepted while good", first, server, 0));

            pki.revoke(pump.certificateSerial(), "keyCompromise");
            int mark = server.mark();
            CurlPump.Result cached = curl.get(server.port(), pump.credentials(), false);

            assertTrue(cached.accepted(pump.serial()),
                    diagnosis("nginx answers from its cache until the answer's nextUpdate", cached, server, mark));
        }
    }

    @Test
    void withPumpPkisResponderUnreachableNginxRefusesEvenAGoodPump() {
        // nginx has no soft fail: without an OCSP answer there is no verified pump.
        PumpServer files = testbed.pumpServer("unreachable");
        Pump pump = testbed.enrolledPump();
        String nowhere = "http://localhost:" + LoopbackServers.freePort();
        try (NginxPumpServer server = NginxPumpServer.start(nginxTool, files.directory(), nowhere)) {
            int mark = server.mark();
            CurlPump.Result result = curl.get(server.port(), pump.credentials(), false);

            assertEquals(CERTIFICATE_REFUSED, result.httpStatus(), diagnosis("the pump should have been refused", result, server, mark));
            assertTrue(server.logs(mark, "certificate status request failed"),
                    diagnosis("nginx should have tried the responder", result, server, mark));
        }
    }

    private void assertAccepted(Pump pump) {
        int mark = nginx.mark();
        CurlPump.Result result = curl.get(nginx.port(), pump.credentials(), false);
        assertTrue(result.accepted(pump.serial()), diagnosis("the pump should have got in", result, mark));
    }

    /** nginx completes the handshake, then answers 400 and logs why it refused the certificate. */
    private void assertRefused(Pump pump, String reasonInNginxLog) {
        int mark = nginx.mark();
        CurlPump.Result result = curl.get(nginx.port(), pump.credentials(), false);
        assertEquals(CERTIFICATE_REFUSED, result.httpStatus(), diagnosis("the pump should have been refused", result, mark));
        assertFalse(result.accepted(pump.serial()), result::toString);
        assertTrue(nginx.logs(mark, reasonInNginxLog),
                diagnosis("the nginx log should say '" + reasonInNginxLog + "'", result, mark));
    }

    /** How often PumpPKI's responder was asked about a certificate, all lookups counted so far written first. */
    private long ocspLookupsOf(BigInteger serial) {
        lookupRecorder.flush();
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                        "SELECT coalesce(sum(lookups), 0) FROM ocsp_lookup WHERE serial_number = ?1")
                .setParameter(1, serial.toString(16)).getSingleResult()).longValue());
    }

    private String diagnosis(String expectation, CurlPump.Result result, int mark) {
        return diagnosis(expectation, result, nginx, mark);
    }

    private static String diagnosis(String expectation, CurlPump.Result result, NginxPumpServer server, int mark) {
        return expectation + ".\n--- curl ---\n" + result + "\n--- nginx ---\n" + String.join("\n", server.logSince(mark));
    }

    /**
     * The pump's certificate as PumpPKI issued it, signed again by the same issuing CA with a validity
     * that ended yesterday. PumpPKI refuses to issue that (nothing before its CA's notBefore), and
     * nginx reads the real clock, so the certificate is made here.
     */
    private Pump expiredCopyOf(Pump pump) throws CertIOException {
        X509CertificateHolder issued = Pem.readCertificates(pump.presentedChain().get(0)).get(0);
        X509CertificateHolder issuingCa = Pem.readCertificates(pump.presentedChain().get(1)).get(0);
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(issued.getIssuer(), new BigInteger(96, new SecureRandom()),
                Date.from(now.minus(Duration.ofDays(2))), Date.from(now.minus(Duration.ofDays(1))), issued.getSubject(),
                issued.getSubjectPublicKeyInfo());
        for (Object oid : issued.getExtensionOIDs()) {
            builder.addExtension(issued.getExtension((ASN1ObjectIdentifier) oid));
        }
        X509CertificateHolder expired = builder.build(issuingCaSigner(issuingCa));
        return testbed.pump(pump.serial(), expired.getSerialNumber().toString(16), pump.key(),
                List.of(Pem.certificate(expired), pump.presentedChain().get(1)));
    }

    private ContentSigner issuingCaSigner(X509CertificateHolder issuingCa) {
        return QuarkusTransaction.requiringNew().call(() -> {
            CertificateAuthorityRecord ca = authorities.list().stream()
                    .filter(candidate -> Der.certificate(candidate.certificate).equals(issuingCa))
                    .findFirst().orElseThrow();
            return authorities.signer(ca);
        });
    }

    /** Writes the renewed certificate and key beside the old ones, then moves them over, as an operator would. */
    private static void replaceCredentials(Path directory, KeyPair key, List<String> chain) {
        TlsCredentials renewed = TlsCredentials.write(directory, "server-renewed", key.getPrivate(), chain);
        try {
            Files.move(renewed.privateKey(), directory.resolve("server.key"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            Files.move(renewed.certificateChain(), directory.resolve("server.pem"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
