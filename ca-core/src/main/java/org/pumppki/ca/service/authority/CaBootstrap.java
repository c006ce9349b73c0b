package org.pumppki.ca.service.authority;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.util.Locale;
import org.jboss.logging.Logger;
import org.pumppki.ca.config.PkiConfig;
import org.pumppki.ca.crypto.AlgorithmPreset;
import org.pumppki.ca.service.Actor;
import org.pumppki.ca.store.CertificateAuthorityRecord;
import org.pumppki.ca.store.CertificateAuthorityRepository;

/**
 * Opens the CA keys at start and, on a database without CAs, creates the hierarchy described by
 * {@code pki.ca.*}. A restart reuses what exists; replicas starting together create it once.
 */
@ApplicationScoped
public class CaBootstrap {

    /** Start-up order: before anything that needs a CA (OCSP responders, CRLs). */
    public static final int PRIORITY = Interceptor.Priority.APPLICATION;

    private static final Logger LOG = Logger.getLogger(CaBootstrap.class);
    private static final Actor BOOTSTRAP = Actor.system("bootstrap");

    private final PkiConfig config;
    private final CaKeys keys;
    private final CaHierarchy hierarchy;
    private final CertificateAuthorityRepository repository;

    CaBootstrap(PkiConfig config, CaKeys keys, CaHierarchy hierarchy, CertificateAuthorityRepository repository) {
        this.config = config;
        this.keys = keys;
        this.hierarchy = hierarchy;
        this.repository = repository;
    }

    void onStart(@Observes @Priority(PRIORITY) StartupEvent event) {
        keys.open();
        QuarkusTransaction.requiringNew().run(this::setUpHierarchy);
    }

    private void setUpHierarchy() {
        repository.lockBootstrap();
        if (repository.count() > 0) {
            repository.listOrdered().forEach(ca -> LOG.infof("CA '%s' (%s, %s): %s, SHA-256 %s", ca.name, ca.role.label(),
                    ca.status.label(), ca.subjectDn, ca.sha256Fingerprint));
            return;
        }
        PkiConfig.Ca ca = config.ca();
        AlgorithmPreset preset = AlgorithmPreset.fromConfig(ca.preset());
        switch (ca.bootstrap().trim().toLowerCase(Locale.ROOT)) {
            case "self-signed" -> {
                CertificateAuthorityRecord root = hierarchy.createRoot(BOOTSTRAP, new CaHierarchy.NewCa(
                        ca.root().name(), ca.root().subject(), preset, keys.defaultKind(), ca.root().validity()));
                CertificateAuthorityRecord issuing = hierarchy.createIssuing(BOOTSTRAP, new CaHierarchy.NewCa(
                        ca.issuing().name(), ca.issuing().subject(), preset, keys.defaultKind(), ca.issuing().validity()),
                        root.id);
                // The fingerprint lets an operator check the root that clients download from /ca/root.crt.
                LOG.infof("Created root CA '%s' (SHA-256 %s) and issuing CA '%s' (%s)", root.subjectDn,
                        root.sha256Fingerprint, issuing.subjectDn, preset);
            }
            case "external-root" -> {
                CertificateAuthorityRecord pending = hierarchy.createPendingIssuing(BOOTSTRAP, new CaHierarchy.NewCa(
                        ca.issuing().name(), ca.issuing().subject(), preset, keys.defaultKind(), ca.issuing().validity()));
                LOG.warnf("Created the key and CSR of issuing CA '%s'. Have the enterprise root sign the CSR "
                        + "(GET /api/v1/cas/%d/csr), then import the certificate (POST /api/v1/cas/%d/certificate).",
                        pending.subjectDn, pending.id, pending.id);
            }
            case "none" -> LOG.warn("No CA exists and pki.ca.bootstrap=none: create one through the API");
            default -> throw new IllegalStateException("pki.ca.bootstrap must be self-signed, external-root or none, not '"
                    + ca.bootstrap() + "'");
        }
    }
}
