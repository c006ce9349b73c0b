package org.pumppki.ca.service.authority;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.pumppki.ca.crypto.AlgorithmPreset;
import org.pumppki.ca.crypto.CaCertificateFactory;
import org.pumppki.ca.crypto.CaCertificateSpec;
import org.pumppki.ca.crypto.Der;
import org.pumppki.ca.crypto.Fingerprint;
import org.pumppki.ca.crypto.ImportedIssuingCa;
import org.pumppki.ca.crypto.IssuingCaCsr;
import org.pumppki.ca.crypto.RequestRejectedException;
import org.pumppki.ca.crypto.SerialNumberGenerator;
import org.pumppki.ca.keys.KeyStoreKind;
import org.pumppki.ca.service.Actor;
import org.pumppki.ca.service.CryptoFailures;
import org.pumppki.ca.service.PkiException;
import org.pumppki.ca.service.audit.AuditAction;
import org.pumppki.ca.service.audit.AuditLog;
import org.pumppki.ca.store.CaKey;
import org.pumppki.ca.store.CertificateAuthorityRecord;
import org.pumppki.ca.store.CertificateAuthorityRecord.Role;
import org.pumppki.ca.store.CertificateAuthorityRecord.Status;
import org.pumppki.ca.store.CertificateAuthorityRepository;

/**
 * Changes the CA hierarchy: self-signed roots, issuing CAs under them, issuing CAs signed by an
 * enterprise root (key and CSR first, certificate imported later) and the choice of default.
 */
@ApplicationScoped
public class CaHierarchy {

    /** What an administrator asks for when adding a CA. */
    public record NewCa(String name, String subject, AlgorithmPreset preset, KeyStoreKind keyStore, Duration validity) {

        /** Longest CA lifetime accepted, in days (a century). */
        public static final int MAX_VALIDITY_DAYS = 36525;

        /**
         * A new CA as a person or a script names it: algorithm preset ({@code ec-p256-sha256} when
         * absent), key store ({@code soft} or {@code pkcs11}) and validity in days (ten years when absent).
         */
        public static NewCa parse(String name, String subject, String algorithm, String keyStore, Integer validityDays) {
            AlgorithmPreset preset;
            try {
                preset = AlgorithmPreset.fromConfig(algorithm == null || algorithm.isBlank() ? "ec-p256-sha256" : algorithm);
            } catch (IllegalArgumentException e) {
                throw PkiException.invalidInput("invalid-algorithm", e.getMessage());
            }
            KeyStoreKind kind = switch (keyStore == null || keyStore.isBlank() ? "soft" : keyStore) {
                case "soft" -> KeyStoreKind.SOFT;
                case "pkcs11" -> KeyStoreKind.PKCS11;
                default -> throw PkiException.invalidInput("invalid-parameter",
                        "'" + keyStore + "' is not a valid keyStore; use one of: soft, pkcs11.");
            };
            int days = validityDays == null ? 3652 : validityDays;
            if (days < 1 || days > MAX_VALIDITY_DAYS) {
                throw PkiException.invalidInput("invalid-validity", "validityDays must be between 1 and " + MAX_VALIDITY_DAYS + ".");
            }
            return new NewCa(name, subject, preset, kind, Duration.ofDays(days));
        }
    }

    private final CertificateAuthorityRepository repository;
    private final CaKeys keys;
    private final AuditLog auditLog;
    private final Clock clock;
    private final Event<AuthoritiesChanged> changes;
    private final PublicUrls urls;
    private final SerialNumberGenerator serials = new SerialNumberGenerator(new SecureRandom());

    CaHierarchy(CertificateAuthorityRepository repository, CaKeys keys, AuditLog auditLog, Clock clock,
            Event<AuthoritiesChanged> changes, PublicUrls urls) {
        this.repository = repository;
        this.keys = keys;
        this.auditLog = auditLog;
        this.clock = clock;
        this.changes = changes;
        this.urls = urls;
    }

    @Transactional
    public CertificateAuthorityRecord createRoot(Actor actor, NewCa spec) {
        requireFreeName(spec.name());
        CaKey key = keys.generate(spec.keyStore(), spec.preset(), spec.name());
        X509CertificateHolder certificate = CaCertificateFactory.selfSignedRoot(
                caSpec(spec, OptionalInt.empty()), publicKey(key), keys.signer(key));
        CertificateAuthorityRecord root = newRecord(spec, Role.ROOT, key, null);
        activate(root, certificate);
        repository.persist(root);
        storeCertificateInToken(key, certificate);
        auditLog.record(actor, AuditAction.CA_CREATED, root.name, describe(root));
        changes.fire(new AuthoritiesChanged(root.id));
        return root;
    }

    /**
     * An issuing CA signed by one of our roots; active at once, and the default if there is none.
     * Its certificate points to the root's OCSP responder, certificate and CRL.
     */
    @Transactional
    public CertificateAuthorityRecord createIssuing(Actor actor, NewCa spec, long rootId) {
        requireFreeName(spec.name());
        CertificateAuthorityRecord root = repository.findByIdOptional(rootId)
                .filter(r -> r.role == Role.ROOT && r.status == Status.ACTIVE && r.key != null)
                .orElseThrow(() -> PkiException.conflict("ca-not-root", "The parent must be an active root CA we hold."));
        CaKey key = keys.generate(spec.keyStore(), spec.preset(), spec.name());
        X509CertificateHolder certificate = CaCertificateFactory.issuingCa(caSpec(spec, OptionalInt.of(0)),
                publicKey(key), Der.certificate(root.certificate), keys.signer(root.key), urls.forCa(root.name));
        CertificateAuthorityRecord issuing = newRecord(spec, Role.ISSUING, key, root);
        activate(issuing, certificate);
        issuing.isDefault = repository.findDefault().isEmpty();
        repository.persist(issuing);
        storeCertificateInToken(key, certificate);
        auditLog.record(actor, AuditAction.CA_CREATED, issuing.name, describe(issuing));
        changes.fire(new AuthoritiesChanged(issuing.id));
        return issuing;
    }

    /** An issuing CA whose certificate an external (enterprise) root will sign: key and CSR now, pending. */
    @Transactional
    public CertificateAuthorityRecord createPendingIssuing(Actor actor, NewCa spec) {
        requireFreeName(spec.name());
        CaKey key = keys.generate(spec.keyStore(), spec.preset(), spec.name());
        PKCS10CertificationRequest csr = IssuingCaCsr.create(subject(spec.subject()), publicKey(key), keys.signer(key));
        CertificateAuthorityRecord pending = newRecord(spec, Role.ISSUING, key, null);
        pending.status = Status.PENDING;
        pending.csr = encoded(csr);
        repository.persist(pending);
        auditLog.record(actor, AuditAction.CA_CSR_CREATED, pending.name, describe(pending));
        return pending;
    }

    /**
     * Activates a pending issuing CA with the certificate the enterprise root signed. The chain is
     * checked and the certificate must certify the key we hold; nothing changes otherwise.
     *
     * @param chain the issuing CA certificate, then any intermediates, then the enterprise root
     */
    @Transactional
    public CertificateAuthorityRecord importCertificate(Actor actor, long caId, List<X509CertificateHolder> chain) {
        CertificateAuthorityRecord pending = repository.findByIdOptional(caId)
                .orElseThrow(() -> PkiException.notFound("ca-not-found", "No certificate authority with id " + caId + "."));
        if (pending.status != Status.PENDING) {
            throw PkiException.conflict("ca-not-pending", "The CA '" + pending.name + "' is not waiting for a certificate.");
        }
        if (chain.size() < 2) {
            throw PkiException.invalidInput("incomplete-chain",
                    "Send the issuing CA certificate followed by the chain up to and including the enterprise root.");
        }
        X509CertificateHolder candidate = chain.get(0);
        X509CertificateHolder anchor = chain.get(chain.size() - 1);
        try {
            ImportedIssuingCa.validate(candidate, publicKey(pending.key), chain.subList(1, chain.size() - 1), anchor,
                    clock.instant());
        } catch (RequestRejectedException e) {
            throw CryptoFailures.translate(e);
        }
        CertificateAuthorityRecord parent = trustAnchor(anchor);
        activate(pending, candidate);
        pending.parent = parent;
        pending.csr = null;
        pending.isDefault = repository.findDefault().isEmpty();
        storeCertificateInToken(pending.key, candidate);
        auditLog.record(actor, AuditAction.CA_CERTIFICATE_IMPORTED, pending.name, describe(pending));
        changes.fire(new AuthoritiesChanged(pending.id));
        return pending;
    }

    @Transactional
    public CertificateAuthorityRecord makeDefault(Actor actor, long caId) {
        CertificateAuthorityRecord ca = repository.findByIdOptional(caId)
                .orElseThrow(() -> PkiException.notFound("ca-not-found", "No certificate authority with id " + caId + "."));
        CertificateAuthorities.requireActiveIssuing(ca);
        repository.findDefault().filter(current -> !current.id.equals(ca.id)).ifPresent(current -> {
            current.isDefault = false;
            repository.flush();
        });
        ca.isDefault = true;
        auditLog.record(actor, AuditAction.CA_DEFAULT_CHANGED, ca.name, Map.of("default", ca.name));
        return ca;
    }

    /** The enterprise root as a key-less trust anchor, recorded once. */
    private CertificateAuthorityRecord trustAnchor(X509CertificateHolder anchor) {
        String fingerprint = Fingerprint.sha256(anchor);
        return repository.find("sha256Fingerprint", fingerprint).firstResultOptional().orElseGet(() -> {
            CertificateAuthorityRecord root = new CertificateAuthorityRecord();
            root.name = uniqueName("external-root");
            root.role = Role.ROOT;
            root.subjectDn = anchor.getSubject().toString();
            root.createdAt = clock.instant();
            activate(root, anchor);
            repository.persist(root);
            return root;
        });
    }

    private CertificateAuthorityRecord newRecord(NewCa spec, Role role, CaKey key, CertificateAuthorityRecord parent) {
        CertificateAuthorityRecord record = new CertificateAuthorityRecord();
        record.name = spec.name();
        record.role = role;
        record.status = Status.ACTIVE;
        record.key = key;
        record.parent = parent;
        record.subjectDn = subject(spec.subject()).toString();
        record.createdAt = clock.instant();
        return record;
    }

    private static void activate(CertificateAuthorityRecord record, X509CertificateHolder certificate) {
        record.status = Status.ACTIVE;
        record.certificate = encoded(certificate);
        record.notBefore = certificate.getNotBefore().toInstant();
        record.notAfter = certificate.getNotAfter().toInstant();
        record.sha256Fingerprint = Fingerprint.sha256(certificate);
        record.subjectDn = certificate.getSubject().toString();
    }

    private CaCertificateSpec caSpec(NewCa spec, OptionalInt pathLength) {
        Instant now = clock.instant();
        return new CaCertificateSpec(subject(spec.subject()), serials.next(), now, spec.validity(), pathLength);
    }

    /** A PKCS#11 token lists keys by their certificate: replace the placeholder with the real one. */
    private void storeCertificateInToken(CaKey key, X509CertificateHolder certificate) {
        if ("pkcs11".equals(key.kind)) {
            keys.storeCertificate(key, certificate);
        }
    }

    private void requireFreeName(String name) {
        if (name == null || !name.matches("[a-z0-9][a-z0-9-]{0,63}")) {
            throw PkiException.invalidInput("invalid-ca-name",
                    "CA names have 1 to 64 lower-case letters, digits and '-'; they appear in CRL and certificate URLs.");
        }
        if (repository.findByName(name).isPresent()) {
            throw PkiException.conflict("duplicate-ca-name", "A CA named '" + name + "' already exists.");
        }
    }

    private String uniqueName(String base) {
        String name = base;
        for (int i = 2; repository.findByName(name).isPresent(); i++) {
            name = base + "-" + i;
        }
        return name;
    }

    private SubjectPublicKeyInfo publicKey(CaKey key) {
        return SubjectPublicKeyInfo.getInstance(key.publicKey);
    }

    static X500Name subject(String dn) {
        try {
            X500Name name = new X500Name(dn);
            if (name.getRDNs().length == 0) {
                throw new IllegalArgumentException("empty");
            }
            return name;
        } catch (IllegalArgumentException e) {
            throw PkiException.invalidInput("invalid-subject", "'" + dn + "' is not a distinguished name such as "
                    + "'CN=PumpPKI Issuing CA 2,O=General Hospital'.");
        }
    }

    private static byte[] encoded(X509CertificateHolder certificate) {
        try {
            return certificate.getEncoded();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] encoded(PKCS10CertificationRequest csr) {
        try {
            return csr.getEncoded();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Map<String, Object> describe(CertificateAuthorityRecord ca) {
        java.util.LinkedHashMap<String, Object> details = new java.util.LinkedHashMap<>();
        details.put("role", ca.role.label());
        details.put("status", ca.status.label());
        details.put("subject", ca.subjectDn);
        details.put("keyStore", ca.key == null ? null : ca.key.kind);
        details.put("preset", ca.key == null ? null : ca.key.preset);
        details.put("fingerprint", ca.sha256Fingerprint);
        details.put("notAfter", ca.notAfter == null ? null : ca.notAfter.toString());
        return details;
    }
}
