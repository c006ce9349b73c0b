package org.pumppki.ca.service.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.ContentSigner;
import org.pumppki.ca.crypto.AlgorithmPreset;
import org.pumppki.ca.crypto.Der;
import org.pumppki.ca.crypto.Fingerprint;
import org.pumppki.ca.crypto.IssuanceRequest;
import org.pumppki.ca.crypto.KeyPolicy;
import org.pumppki.ca.crypto.RequestedNames;
import org.pumppki.ca.crypto.SerialNumberGenerator;
import org.pumppki.ca.crypto.StandardProfile;
import org.pumppki.ca.crypto.TrustedIdentity;
import org.pumppki.ca.keys.KeyStoreKind;
import org.pumppki.ca.service.Actor;
import org.pumppki.ca.service.authority.CaKeys;
import org.pumppki.ca.service.authority.CertificateAuthorities;
import org.pumppki.ca.service.certificate.CertificateChanged;
import org.pumppki.ca.service.certificate.CertificateProfiles;
import org.pumppki.ca.service.certificate.CertificateRecords;
import org.pumppki.ca.store.AuditSignerRecord;
import org.pumppki.ca.store.AuditSignerRepository;
import org.pumppki.ca.store.Certificate;
import org.pumppki.ca.store.CertificateAuthorityRecord;
import org.pumppki.ca.store.CertificateRepository;

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
    private final CertificateRepository certificates;
    private final CertificateProfiles profiles;
    private final CaKeys keys;
    private final AuditLog auditLog;
    private final Clock clock;
    private final Event<CertificateChanged> changes;
    private final SerialNumberGenerator serials = new SerialNumberGenerator(new SecureRandom());

    AuditSigners(CertificateAuthorities authorities, AuditSignerRepository signers, CertificateRepository certificates,
            CertificateProfiles profiles, CaKeys keys, AuditLog auditLog, Clock clock, Event<CertificateChanged> changes) {
        this.authorities = authorities;
        this.signers = signers;
        this.certificates = certificates;
        this.profiles = profiles;
        this.keys = keys;
        this.auditLog = auditLog;
        this.clock = clock;
        this.changes = changes;
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
        AuditSignerRecord signer = signers.current(ca.id, clock.instant()).filter(this::fresh)
                .orElseGet(() -> issue(ca));
        List<X509CertificateHolder> chain = new java.util.ArrayList<>();
        chain.add(Der.certificate(signer.certificate.der));
        chain.addAll(authorities.chain(ca));
        return new Signing(signer, keys.signer(signer.key), chain);
    }

    private AuditSignerRecord issue(CertificateAuthorityRecord ca) {
        Instant now = clock.instant();
        AlgorithmPreset preset = AlgorithmPreset.valueOf(ca.key.preset);
        var key = keys.generate(KeyStoreKind.SOFT, preset, "audit-checkpoint-" + ca.name);
        SubjectPublicKeyInfo publicKey = SubjectPublicKeyInfo.getInstance(key.publicKey);
        IssuanceRequest request = new IssuanceRequest(KeyPolicy.DEFAULT.check(publicKey), RequestedNames.none(),
                TrustedIdentity.builder().commonName(ca.name + " audit checkpoint signer").build(),
                authorities.issuingCa(ca), now, serials.next());
        X509CertificateHolder certificate = profiles.get(StandardProfile.AUDIT_CHECKPOINT)
                .issue(request, authorities.signer(ca));
        Certificate record = CertificateRecords.of(certificate, ca, null, StandardProfile.AUDIT_CHECKPOINT,
                Fingerprint.sha256(publicKey), now, null);
        certificates.persist(record);
        changes.fire(new CertificateChanged(CertificateChanged.Change.ISSUED, ca.id, record.serialNumber, record.status,
                null, null, record.notAfter));
        AuditSignerRecord signer = new AuditSignerRecord();
        signer.issuer = ca;
        signer.key = key;
        signer.certificate = record;
        signer.notAfter = record.notAfter;
        signer.createdAt = now;
        signers.persist(signer);
        auditLog.record(ROTATION, AuditAction.AUDIT_SIGNER_ISSUED, ca.name,
                Map.of("serial", record.serialNumber, "notAfter", record.notAfter.toString()));
        return signer;
    }

    /** Still in the first half of its life, and already valid (a replica's clock may run ahead). */
    private boolean fresh(AuditSignerRecord signer) {
        Instant notBefore = signer.certificate.notBefore;
        Duration life = Duration.between(notBefore, signer.notAfter);
        return clock.instant().isBefore(notBefore.plus(life.dividedBy(2)));
    }
}
