package org.pumppki.server.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * A private key and its certificate chain (leaf first) in PEM, as the HTTPS listener serves them.
 * The PEM text is what Vert.x takes; the parsed forms answer questions about the certificate.
 */
record TlsMaterial(String keyPem, String chainPem) {

    TlsMaterial {
        if (chain(chainPem).isEmpty()) {
            throw new IllegalArgumentException("The certificate chain holds no certificate");
        }
        privateKey(keyPem);
    }

    X509Certificate leaf() {
        return chain(chainPem).get(0);
    }

    /** Whether less than {@code fraction} of the leaf's lifetime is left at {@code now}. */
    boolean dueForRenewal(Instant now, double fraction) {
        Instant notBefore = leaf().getNotBefore().toInstant();
        Instant notAfter = leaf().getNotAfter().toInstant();
        Duration lifetime = Duration.between(notBefore, notAfter);
        Duration left = Duration.between(now, notAfter);
        return left.toMillis() < (long) (lifetime.toMillis() * fraction);
    }

    static List<X509Certificate> chain(String pem) {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            List<X509Certificate> certificates = new ArrayList<>();
            for (var certificate : factory.generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
                certificates.add((X509Certificate) certificate);
            }
            return certificates;
        } catch (CertificateException e) {
            throw new IllegalArgumentException("Not a PEM certificate chain: " + e.getMessage(), e);
        }
    }

    /** Reads a PKCS#8 ({@code PRIVATE KEY}) or traditional ({@code EC/RSA PRIVATE KEY}) PEM key. */
    static PrivateKey privateKey(String pem) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object object = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (object instanceof PEMKeyPair pair) {
                return converter.getPrivateKey(pair.getPrivateKeyInfo());
            }
            if (object instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            throw new IllegalArgumentException("Not an unencrypted PEM private key");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the PEM private key", e);
        }
    }
}
