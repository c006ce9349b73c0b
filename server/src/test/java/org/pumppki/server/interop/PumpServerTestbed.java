package org.pumppki.server.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.eclipse.microprofile.config.ConfigProvider;
import org.pumppki.ca.crypto.AlgorithmPreset;
import org.pumppki.ca.crypto.Pem;
import org.pumppki.ca.testing.TestCsr;
import org.pumppki.ca.testing.TestKeys;
import org.pumppki.server.testing.Fixtures;

/**
 * Pumps and pump servers enrolled in the PumpPKI under test, each with a key of its own and its
 * files in a directory of its own, as the pump-server interop tests need them.
 */
final class PumpServerTestbed {

    static final AlgorithmPreset PRESET = AlgorithmPreset.EC_P256_SHA256;

    private final PumpPkiAdmin pki = new PumpPkiAdmin();
    private final Path workDirectory;

    PumpServerTestbed(Path workDirectory) {
        this.workDirectory = workDirectory;
    }

    PumpPkiAdmin pki() {
        return pki;
    }

    /** A pump registered and enrolled in PumpPKI. */
    Pump enrolledPump() {
        String serial = Fixtures.serial("PUMP");
        KeyPair key = TestKeys.fresh(PRESET);
        PumpPkiAdmin.Issued issued = pki.enroll(pki.registerPump(serial), TestCsr.forKey(key).subject("CN=" + serial).build());
        return pump(serial, issued.serial(), key, issued.presentedChain());
    }

    /** A pump presenting {@code presentedChain}, whoever issued it. */
    Pump pump(String serial, String certificateSerial, KeyPair key, List<String> presentedChain) {
        Path directory = createDirectory(serial + "-" + certificateSerial);
        return new Pump(serial, certificateSerial, key, presentedChain,
                TlsCredentials.write(directory, "pump", key.getPrivate(), presentedChain));
    }

    /**
     * A pump server registered in PumpPKI as {@link NginxPumpServer#HOSTNAME}, its certificate (then
     * the issuing CA) in {@code server.pem}, its key in {@code server.key} and PumpPKI's root in
     * {@code root.pem}, in a new directory {@code name}.
     */
    PumpServer pumpServer(String name) {
        Path directory = createDirectory(name);
        KeyPair key = TestKeys.fresh(PRESET);
        String deviceId = pki.registerPumpServer(Fixtures.serial("PUMP-SERVER"), NginxPumpServer.HOSTNAME);
        PumpPkiAdmin.Issued issued = pki.enroll(deviceId, serverCsr(key));
        TlsCredentials.write(directory, "server", key.getPrivate(), issued.presentedChain());
        Path root = TlsCredentials.writePem(directory.resolve("root.pem"), List.of(issued.root()));
        return new PumpServer(directory, issued, key, root);
    }

    static PKCS10CertificationRequest serverCsr(KeyPair key) {
        return TestCsr.forKey(key).subject("CN=" + NginxPumpServer.HOSTNAME).dns(NginxPumpServer.HOSTNAME).build();
    }

    /** PumpPKI's plain-HTTP base, by the name its certificates use (nginx resolves it through its DNS stub). */
    static String pkiBaseUrl() {
        // The test port is 0 in the configuration; Quarkus replaces it with the port it bound.
        return "http://localhost:" + ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
    }

    static X509Certificate x509(String pem) {
        return x509(Pem.readCertificates(pem).get(0));
    }

    static X509Certificate x509(X509CertificateHolder certificate) {
        try {
            return new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter().getCertificate(certificate);
        } catch (java.security.cert.CertificateException e) {
            throw new IllegalArgumentException(e);
        }
    }

    Path createDirectory(String name) {
        try {
            return Files.createDirectory(workDirectory.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A pump's identity, its key and the chain it presents, and both on disk. */
    record Pump(String serial, String certificateSerial, KeyPair key, List<String> presentedChain,
            TlsCredentials credentials) {
    }

    /** A pump server's files and its certificate as PumpPKI issued it. */
    record PumpServer(Path directory, PumpPkiAdmin.Issued certificate, KeyPair key, Path root) {

        BigInteger serialNumber() {
            return new BigInteger(certificate.serial(), 16);
        }
    }
}
