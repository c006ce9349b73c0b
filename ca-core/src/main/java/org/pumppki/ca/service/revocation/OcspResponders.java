package org.pumppki.ca.service.revocation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pumppki.ca.config.PkiConfig;
import org.pumppki.ca.crypto.AlgorithmPreset;
import org.pumppki.ca.crypto.Der;
import org.pumppki.ca.crypto.OcspIssuer;
import org.pumppki.ca.crypto.StandardProfile;
import org.pumppki.ca.service.Actor;
import org.pumppki.ca.service.audit.AuditAction;
import org.pumppki.ca.service.audit.AuditLog;
import org.pumppki.ca.service.authority.CaKeys;
import org.pumppki.ca.service.authority.CertificateAuthorities;
import org.pumppki.ca.service.certificate.DelegatedSigners;
import org.pumppki.ca.store.CertificateAuthorityRecord;
import org.pumppki.ca.store.CertificateAuthorityRepository;
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
    private final DelegatedSigners delegatedSigners;
    private final CaKeys keys;
    private final AuditLog auditLog;
    private final Clock clock;
    private final Optional<AlgorithmPreset> responderKey;

    OcspResponders(CertificateAuthorityRepository authorities, CertificateAuthorities authorityService,
            OcspResponderRepository responders, DelegatedSigners delegatedSigners, CaKeys keys, AuditLog auditLog,
            Clock clock, PkiConfig config) {
        this.responderKey = config.ocsp().responderKey();
        this.authorities = authorities;
        this.authorityService = authorityService;
        this.responders = responders;
        this.delegatedSigners = delegatedSigners;
        this.keys = keys;
        this.auditLog = auditLog;
        this.clock = clock;
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
        boolean signersInMemory = true;
        Instant now = clock.instant();
        for (CertificateAuthorityRecord ca : authorities.publishing()) {
            if (!now.isBefore(ca.notAfter)) {
                continue;
            }
            OcspResponderRecord responder = responders.current(ca.id, clock.instant())
                    .filter(current -> fresh(current, ca)).orElse(null);
            if (responder == null) {
                responder = issue(authorities.lock(ca.id));
                rotated = true;
            }
            issuers.add(new OcspIssuer(String.valueOf(ca.id), Der.certificate(ca.certificate),
                    List.of(Der.certificate(responder.certificate.der)), keys.signerSource(responder.key)));
            signersInMemory &= keys.inMemory(responder.key);
        }
        return new Current(issuers, rotated, signersInMemory);
    }

    /**
     * The responders in force, whether this call replaced any, and whether all of them sign in
     * this process's memory (software keys: a signature is CPU work only) rather than in a token
     * (a PKCS#11 call may wait on the device or the network).
     */
    public record Current(List<OcspIssuer> issuers, boolean rotated, boolean signersInMemory) {
    }

    /** Replaces the CA's responder, unless another replica just did (the CA row is locked). */
    private OcspResponderRecord issue(CertificateAuthorityRecord ca) {
        var existing = responders.current(ca.id, clock.instant()).filter(current -> fresh(current, ca));
        if (existing.isPresent()) {
            return existing.get();
        }
        OcspResponderRecord responder = delegatedSigners.issue(new OcspResponderRecord(), ca,
                authorityService.responderIssuer(ca), StandardProfile.OCSP_RESPONDER, keyPreset(ca), "ocsp-" + ca.name,
                ca.name + " OCSP responder");
        responders.persist(responder);
        auditLog.record(ROTATION, AuditAction.OCSP_RESPONDER_ISSUED, ca.name,
                Map.of("serial", responder.certificate.serialNumber, "notAfter", responder.notAfter.toString(),
                        "key", responder.key.preset));
        return responder;
    }

    /** Before half its life is gone, with a key of the configured algorithm. */
    private boolean fresh(OcspResponderRecord responder, CertificateAuthorityRecord ca) {
        return responder.freshAt(clock.instant()) && keyPreset(ca).name().equals(responder.key.preset);
    }

    private AlgorithmPreset keyPreset(CertificateAuthorityRecord ca) {
        return responderKey.orElseGet(() -> AlgorithmPreset.valueOf(ca.key.preset));
    }
}
