package org.pumppki.server.testing;

import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.est.ESTService;
import org.bouncycastle.est.HttpAuth;
import org.bouncycastle.est.jcajce.JcaHttpAuthBuilder;
import org.bouncycastle.est.jcajce.JcaJceUtils;
import org.bouncycastle.est.jcajce.JsseESTServiceBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Bouncy Castle's EST client playing the pump against the {@code @QuarkusTest} application's HTTPS
 * listener, trusting PumpPKI's root CA only and checking the server's host name.
 */
public final class EstClient {

    static {
        // Bouncy Castle's EST client validates the server's chain with the BC provider.
        if (java.security.Security.getProvider("BC") == null) {
            java.security.Security.addProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider());
        }
    }

    private EstClient() {
    }

    /** Without a client certificate. */
    public static ESTService service(Optional<String> label) {
        return builder(label).build();
    }

    /** Presenting {@code chain} (leaf first) with its key in the TLS handshake. */
    public static ESTService withClientCertificate(Optional<String> label, PrivateKey key, X509Certificate... chain) {
        return builder(label).withKeyManager(keyManager(key, chain)).build();
    }

    public static HttpAuth basic(String serial, String code) {
        try {
            return new JcaHttpAuthBuilder(serial, code.toCharArray()).build();
        } catch (org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    public static PKCS10CertificationRequest csr(KeyPair key, X500Name subject) {
        try {
            return new JcaPKCS10CertificationRequestBuilder(subject, key.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate()));
        } catch (org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    public static X509Certificate jca(X509CertificateHolder holder) {
        try {
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (java.security.cert.CertificateException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsseESTServiceBuilder builder(Optional<String> label) {
        JsseESTServiceBuilder builder = new JsseESTServiceBuilder("localhost:" + Https.port(),
                JcaJceUtils.getCertPathTrustManager(Set.of(new TrustAnchor(Https.root(), null)), null));
        label.ifPresent(builder::withLabel);
        return builder;
    }

    private static KeyManager keyManager(PrivateKey key, X509Certificate... chain) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("client", key, new char[0], chain);
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, new char[0]);
            return factory.getKeyManagers()[0];
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
