package org.pumppki.ca.service.revocation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.pumppki.ca.crypto.AlgorithmPreset;
import org.pumppki.ca.crypto.Der;
import org.pumppki.ca.crypto.Fingerprint;
import org.pumppki.ca.crypto.IssuanceRequest;
import org.pumppki.ca.crypto.KeyPolicy;
import org.pumppki.ca.crypto.OcspIssuer;
import org.pumppki.ca.crypto.RequestedNames;
import org.pumppki.ca.crypto.SerialNumberGenerator;
import org.pumppki.ca.crypto.StandardProfile;
import org.pumppki.ca.crypto.TrustedIdentity;
import org.pumppki.ca.keys.KeyStoreKind;
import org.pumppki.ca.service.Actor;
import org.pumppki.ca.service.audit.AuditAction;
import org.pumppki.ca.service.audit.AuditLog;
import org.pumppki.ca.service.authority.CaKeys;
import org.pumppki.ca.service.authority.CertificateAuthorities;
import org.pumppki.ca.service.certificate.CertificateChanged;
import org.pumppki.ca.service.certificate.CertificateProfiles;
import org.pumppki.ca.service.certificate.CertificateRecords;
import org.pumppki.ca.store.Certificate;
import org.pumppki.ca.store.CertificateAuthorityRecord;
import org.pumppki.ca.store.CertificateAuthorityRepository;
import org.pumppki.ca.store.CertificateRepository;
import org.pumppki.ca.store.OcspResponderRecord;
import org.pumppki.ca.store.OcspResponderRepository;

/**
 * One delegated OCSP responder per CA whose status relying parties ask about: the roots (for the
 * issuing CAs they certified) and every issuing CA that is active, retired or revoked, until the CA
 * itself expires. Each is a soft key and a short-lived certificate (EKU OCSPSigning, ocsp-nocheck)
 * from that CA, replaced once half its life is gone. The CA's own key thus signs only certificates
 * and CRLs, and a responder key that leaks is worthless within days.
 */
@ApplicationScoped
public class OcspResponders {

    private static final Actor ROTATION = Actor.system("ocsp-responder-rotation");

    private final CertificateAuthorityRepository authorities;
    private final CertificateAuthorities authorityService;
    private final OcspResponderRepository responders;
    private final CertificateRepository certificates;
    private final CertificateProfiles profiles;
    private final CaKeys keys;
    private final AuditLog auditLog;
    private final Clock clock;
    private final Event<CertificateChanged> changes;
    private final SerialNumberGenerator serials = new SerialNumberGenerator(new SecureRandom());

    OcspResponders(CertificateAuthorityRepository authorities, CertificateAuthorities authorityService,
            OcspResponderRepository responders, CertificateRepository certificates, CertificateProfiles profiles,
            CaKeys keys, AuditLog auditLog, Clock clock, Event<CertificateChanged> changes) {
        this.authorities = authorities;
        this.authorityService = authorityService;
        this.responders = responders;
        this.certificates = certificates;
        this.profiles = profiles;
        this.keys = keys;
        this.auditLog = auditLog;
        this.clock = clock;
        this.changes = changes;
    }

    /**
     * The responders to sign with, one per publishing CA, issuing or rotating any that are
     * missing or past half their life. Returns true in {@link Current#rotated()} if any changed.
     * Runs in a transaction of its own: it is also called right after another one committed.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Current ensureCurrent() {
        List<OcspIssuer> issuers = new ArrayList<>();
        boolean rotated = false;
        Instant now = clock.instant();
        for (CertificateAuthorityRecord ca : authorities.publishing()) {
            if (!now.isBefore(ca.notAfter)) {
                continue;
            }
            OcspResponderRecord responder = responders.current(ca.id, clock.instant()).filter(this::fresh).orElse(null);
            if (responder == null) {
                responder = issue(authorities.lock(ca.id));
                rotated = true;
            }
            issuers.add(new OcspIssuer(String.valueOf(ca.id), Der.certificate(ca.certificate),
                    List.of(Der.certificate(responder.certificate.der)), keys.signer(responder.key)));
        }
        return new Current(issuers, rotated);
    }

    /** The responders in force and whether this call replaced any. */
    public record Current(List<OcspIssuer> issuers, boolean rotated) {
    }

    /** Replaces the CA's responder, unless another replica just did (the CA row is locked). */
    private OcspResponderRecord issue(CertificateAuthorityRecord ca) {
        var existing = responders.current(ca.id, clock.instant()).filter(this::fresh);
        if (existing.isPresent()) {
            return existing.get();
        }
        Instant now = clock.instant();
        AlgorithmPreset preset = AlgorithmPreset.valueOf(ca.key.preset);
        var key = keys.generate(KeyStoreKind.SOFT, preset, "ocsp-" + ca.name);
        SubjectPublicKeyInfo publicKey = SubjectPublicKeyInfo.getInstance(key.publicKey);
        IssuanceRequest request = new IssuanceRequest(KeyPolicy.DEFAULT.check(publicKey), RequestedNames.none(),
                TrustedIdentity.builder().commonName(ca.name + " OCSP responder").build(),
                authorityService.responderIssuer(ca), now, serials.next());
        X509CertificateHolder certificate = profiles.get(StandardProfile.OCSP_RESPONDER)
                .issue(request, authorityService.signer(ca));
        Certificate record = CertificateRecords.of(certificate, ca, null, StandardProfile.OCSP_RESPONDER,
                Fingerprint.sha256(publicKey), now, null);
        certificates.persist(record);
        changes.fire(new CertificateChanged(CertificateChanged.Change.ISSUED, ca.id, record.serialNumber, record.status,
                null, null, record.notAfter));
        OcspResponderRecord responder = new OcspResponderRecord();
        responder.issuer = ca;
        responder.key = key;
        responder.certificate = record;
        responder.notAfter = record.notAfter;
        responder.createdAt = now;
        responders.persist(responder);
        auditLog.record(ROTATION, AuditAction.OCSP_RESPONDER_ISSUED, ca.name,
                Map.of("serial", record.serialNumber, "notAfter", record.notAfter.toString()));
        return responder;
    }

    /**
     * Still in the first half of its life. A responder not yet valid (issued by a replica whose
     * clock runs ahead) is never current: clients would refuse its answers.
     */
    private boolean fresh(OcspResponderRecord responder) {
        Instant notBefore = responder.certificate.notBefore;
        Duration life = Duration.between(notBefore, responder.notAfter);
        return clock.instant().isBefore(notBefore.plus(life.dividedBy(2)));
    }
}
