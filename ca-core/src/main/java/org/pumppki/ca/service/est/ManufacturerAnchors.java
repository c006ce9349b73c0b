package org.pumppki.ca.service.est;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.pumppki.ca.config.PkiConfig;
import org.pumppki.ca.crypto.ManufacturerTrust;

/**
 * The manufacturer CA certificates of {@code pki.est.zero-touch.trust-anchors}, read once at start.
 * Empty means zero-touch onboarding is off.
 */
@ApplicationScoped
public class ManufacturerAnchors {

    private final List<X509Certificate> certificates;
    private final ManufacturerTrust trust;

    ManufacturerAnchors(PkiConfig config) {
        List<X509Certificate> all = new ArrayList<>();
        config.est().zeroTouch().trustAnchors().orElse(List.of()).forEach(file -> all.addAll(read(file)));
        this.certificates = List.copyOf(all);
        this.trust = new ManufacturerTrust(certificates);
    }

    public List<X509Certificate> certificates() {
        return certificates;
    }

    public ManufacturerTrust trust() {
        return trust;
    }

    private static List<X509Certificate> read(Path file) {
        try {
            byte[] pem = Files.readAllBytes(file);
            List<X509Certificate> certificates = new ArrayList<>();
            for (var certificate : CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem))) {
                certificates.add((X509Certificate) certificate);
            }
            if (certificates.isEmpty()) {
                throw new IllegalStateException("pki.est.zero-touch.trust-anchors: " + file + " holds no certificate");
            }
            return certificates;
        } catch (IOException e) {
            throw new UncheckedIOException("pki.est.zero-touch.trust-anchors: cannot read " + file, e);
        } catch (CertificateException e) {
            throw new IllegalStateException("pki.est.zero-touch.trust-anchors: " + file + " is not PEM certificates", e);
        }
    }
}
