package org.pumppki.server.tls;

import io.quarkus.tls.TlsConfiguration;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.SSLOptions;
import io.vertx.core.net.TrustOptions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS configuration of PumpPKI's HTTPS listener, registered in the Quarkus TLS registry under
 * {@link #NAME}: the server's key and chain, and the CA certificates whose client certificates the
 * listener accepts (PumpPKI's own CAs for re-enrollment, manufacturer CAs for zero-touch). Both can
 * be replaced while the server runs; the listener picks them up on a {@code CertificateUpdatedEvent}.
 */
final class PumpPkiTlsConfiguration implements TlsConfiguration {

    static final String NAME = "pumppki";
    static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    private static final char[] IN_MEMORY_PASSWORD = new char[0];

    private volatile TlsMaterial material;
    private volatile List<X509Certificate> clientAnchors;

    PumpPkiTlsConfiguration(TlsMaterial material, List<X509Certificate> clientAnchors) {
        this.material = Objects.requireNonNull(material);
        this.clientAnchors = List.copyOf(clientAnchors);
    }

    TlsMaterial material() {
        return material;
    }

    void replaceMaterial(TlsMaterial material) {
        this.material = Objects.requireNonNull(material);
    }

    void replaceClientAnchors(List<X509Certificate> anchors) {
        this.clientAnchors = List.copyOf(anchors);
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public KeyStore getKeyStore() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            TlsMaterial current = material;
            store.setKeyEntry(NAME, TlsMaterial.privateKey(current.keyPem()), IN_MEMORY_PASSWORD,
                    TlsMaterial.chain(current.chainPem()).toArray(new X509Certificate[0]));
            return store;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("Cannot build the in-memory key store of the HTTPS listener", e);
        }
    }

    @Override
    public KeyCertOptions getKeyStoreOptions() {
        TlsMaterial current = material;
        return new PemKeyCertOptions().addKeyValue(Buffer.buffer(current.keyPem())).addCertValue(Buffer.buffer(current.chainPem()));
    }

    @Override
    public KeyStore getTrustStore() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int i = 0;
            for (X509Certificate anchor : clientAnchors) {
                store.setCertificateEntry("anchor-" + i++, anchor);
            }
            return store;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("Cannot build the in-memory trust store of the HTTPS listener", e);
        }
    }

    @Override
    public TrustOptions getTrustStoreOptions() {
        List<X509Certificate> anchors = clientAnchors;
        if (anchors.isEmpty()) {
            return null;
        }
        PemTrustOptions options = new PemTrustOptions();
        anchors.forEach(anchor -> options.addCertValue(Buffer.buffer(Pems.certificate(anchor))));
        return options;
    }

    @Override
    public SSLOptions getSSLOptions() {
        SSLOptions options = new SSLOptions()
                .setKeyCertOptions(getKeyStoreOptions())
                .setEnabledSecureTransportProtocols(new LinkedHashSet<>(PROTOCOLS));
        TrustOptions trust = getTrustStoreOptions();
        if (trust != null) {
            options.setTrustOptions(trust);
        }
        return options;
    }

    @Override
    public SSLContext createSSLContext() throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(getKeyStore(), IN_MEMORY_PASSWORD);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(getTrustStore());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }

    @Override
    public boolean isTrustAll() {
        return false;
    }

    @Override
    public Optional<String> getHostnameVerificationAlgorithm() {
        return Optional.empty();
    }

    @Override
    public boolean usesSni() {
        return false;
    }

    /** The material lives in memory and is replaced through this class, so there is nothing to re-read. */
    @Override
    public boolean reload() {
        return true;
    }
}
