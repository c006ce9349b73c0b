package org.pumppki.ca.service.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.ContentSigner;
import org.pumppki.ca.crypto.Der;
import org.pumppki.ca.crypto.StandardProfile;
import org.pumppki.ca.service.Actor;
import org.pumppki.ca.service.authority.CaKeys;
import org.pumppki.ca.service.authority.CertificateAuthorities;
import org.pumppki.ca.service.certificate.DelegatedSigners;
import org.pumppki.ca.store.AuditSignerRecord;
import org.pumppki.ca.store.AuditSignerRepository;
import org.pumppki.ca.store.CertificateAuthorityRecord;

/**
 * The key that signs audit checkpoints: a soft key of its own in the CA key store (never a CA key,
 * whose certificate allows only certificate and CRL signing) with a document-signing certificate
 * from the default issuing CA, replaced once half its life is gone. A leaked signer key can forge
 * checkpoints only until its certificate expires, and checkpoints it signed before stay verifiable.
 */
@ApplicationScoped
public class AuditSigners {

    private static final Actor ROTATION = Actor.system("audit-signer-rotation");

    /** What signs a checkpoint: the signer's record, a fresh signer and its chain up to the root. */
    public record Signing(AuditSignerRecord record, ContentSigner signer, List<X509CertificateHolder> chain) {
    }

    private final CertificateAuthorities authorities;
    private final AuditSignerRepository signers;
    private final DelegatedSigners delegatedSigners;
    private final CaKeys keys;
    private final AuditLog auditLog;
    private final Clock clock;

    AuditSigners(CertificateAuthorities authorities, AuditSignerRepository signers, DelegatedSigners delegatedSigners,
            CaKeys keys, AuditLog auditLog, Clock clock) {
        this.authorities = authorities;
        this.signers = signers;
        this.delegatedSigners = delegatedSigners;
        this.keys = keys;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    /**
     * The signer to use now, issuing a new one if none of the default issuing CA is in the first
     * half of its life. The caller holds the audit chain lock, which serialises this across replicas.
     *
     * @throws org.pumppki.ca.service.PkiException (conflict) if there is no active default issuing CA
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Signing current() {
        CertificateAuthorityRecord ca = authorities.defaultIssuing();
        AuditSignerRecord signer = signers.current(ca.id, clock.instant()).filter(candidate -> candidate.freshAt(clock.instant()))
                .orElseGet(() -> issue(ca));
        List<X509CertificateHolder> chain = new java.util.ArrayList<>();
        chain.add(Der.certificate(signer.certificate.der));
        chain.addAll(authorities.chain(ca));
        return new Signing(signer, keys.signer(signer.key), chain);
    }

    private AuditSignerRecord issue(CertificateAuthorityRecord ca) {
        AuditSignerRecord signer = delegatedSigners.issue(new AuditSignerRecord(), ca, authorities.issuingCa(ca),
                StandardProfile.AUDIT_CHECKPOINT, "audit-checkpoint-" + ca.name, ca.name + " audit checkpoint signer");
        signers.persist(signer);
        auditLog.record(ROTATION, AuditAction.AUDIT_SIGNER_ISSUED, ca.name,
                Map.of("serial", signer.certificate.serialNumber, "notAfter", signer.notAfter.toString()));
        return signer;
    }
}
