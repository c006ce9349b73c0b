package org.pumppki.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pumppki.server.testing.Https;
import org.pumppki.server.testing.ManufacturerCa;
import org.pumppki.server.testing.ServerApi;
import org.pumppki.server.testing.ServerProcess;

/**
 * PumpPKI's own HTTPS certificate in the packaged server: issued at first start from the issuing CA,
 * kept across a restart, renewed while the server runs, and replaced by an operator's certificate
 * when one is configured.
 */
class HttpsListenerIT {

    private static final Duration RENEWAL_BOUND = Duration.ofSeconds(90);

    @TempDir
    Path workDir;

    @Test
    void theOwnCertificateVerifiesAgainstTheRootAndIsKeptAcrossARestart() throws Exception {
        Map<String, String> env = Map.of("PKI_DATA_DIR", workDir.resolve("data").toString());
        BigInteger first;
        try (ServerProcess server = ServerProcess.start(workDir, env)) {
            X509Certificate root = new ServerApi(server, "").root();
            first = handshake(server.httpsPort(), verifyingAgainst(root), true).getSerialNumber();
            assertEquals("rw-------", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(workDir.resolve("data/tls/https.key"))));
            server.terminate();
        }
        try (ServerProcess server = ServerProcess.start(workDir, env)) {
            X509Certificate root = new ServerApi(server, "").root();
            assertEquals(first, handshake(server.httpsPort(), verifyingAgainst(root), true).getSerialNumber(),
                    "a restart serves the stored certificate");
            server.terminate();
        }
    }

    @Test
    void aCertificateDueForRenewalIsReplacedWithoutARestart() throws Exception {
        // A lifetime of 30 s is due for renewal (a third of it left) within 20 s.
        Map<String, String> env = Map.of("PKI_DATA_DIR", workDir.resolve("data").toString(),
                "PKI_TLS_VALIDITY", "30s", "PKI_TLS_RENEWAL_CHECK", "1s");
        try (ServerProcess server = ServerProcess.start(workDir, env)) {
            X509Certificate root = new ServerApi(server, "").root();
            X509Certificate initial = handshake(server.httpsPort(), verifyingAgainst(root), true);

            Instant deadline = Instant.now().plus(RENEWAL_BOUND);
            X509Certificate current = initial;
            while (current.getSerialNumber().equals(initial.getSerialNumber()) && Instant.now().isBefore(deadline)) {
                java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
                try {
                    current = handshake(server.httpsPort(), verifyingAgainst(root), true);
                } catch (javax.net.ssl.SSLHandshakeException | java.net.SocketException slowMachine) {
                    // A loaded machine can miss the server's handshake timeout; the next attempt tells.
                }
            }

            assertNotEquals(initial.getSerialNumber(), current.getSerialNumber(), "renewed within " + RENEWAL_BOUND);
            assertTrue(server.output().contains("Renewed the HTTPS certificate"), "the renewal is logged");
            server.terminate();
        }
    }

    @Test
    void anOperatorCertificateWins() throws Exception {
        ManufacturerCa operator = ManufacturerCa.create("Hospital IT");
        Path certificate = workDir.resolve("server.pem");
        Path key = workDir.resolve("server.key");
        operator.write(certificate, key);
        Map<String, String> env = Map.of("PKI_DATA_DIR", workDir.resolve("data").toString(),
                "PKI_TLS_CERTIFICATE_FILE", certificate.toString(), "PKI_TLS_KEY_FILE", key.toString());
        try (ServerProcess server = ServerProcess.start(workDir, env)) {
            X509Certificate served = handshake(server.httpsPort(), verifyingAgainst(operator.certificate()), false);

            assertArrayEquals(operator.certificate().getEncoded(), served.getEncoded());
            server.terminate();
        }
    }

    /** A TLS handshake with {@code localhost}, checking its name if asked; answers the leaf. */
    private static X509Certificate handshake(int port, TrustManager trust, boolean verifyHostName) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {trust}, new SecureRandom());
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("localhost", port)) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm(verifyHostName ? "HTTPS" : null);
            parameters.setServerNames(java.util.List.of(new SNIHostName("localhost")));
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }

    private static X509TrustManager verifyingAgainst(X509Certificate anchor) throws Exception {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(Https.trustStoreOf(anchor));
        return (X509TrustManager) factory.getTrustManagers()[0];
    }
}
