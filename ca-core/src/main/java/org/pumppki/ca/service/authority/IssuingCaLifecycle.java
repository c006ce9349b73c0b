package org.pumppki.ca.service.authority;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.pumppki.ca.crypto.Der;
import org.pumppki.ca.crypto.RevocationReason;
import org.pumppki.ca.domain.CertificateStatus;
import org.pumppki.ca.service.Actor;
import org.pumppki.ca.service.PkiException;
import org.pumppki.ca.service.audit.AuditAction;
import org.pumppki.ca.service.audit.AuditLog;
import org.pumppki.ca.service.certificate.CertificateChanged;
import org.pumppki.ca.store.CertificateAuthorityRecord;
import org.pumppki.ca.store.CertificateAuthorityRecord.Role;
import org.pumppki.ca.store.CertificateAuthorityRecord.Status;
import org.pumppki.ca.store.CertificateAuthorityRepository;

/**
 * The end of an issuing CA's working life. Retiring stops issuance while its OCSP responder and CRL
 * keep answering for the certificates it issued until they expire. Revoking is for a CA that must
 * no longer be trusted: the root's OCSP responder and CRL report it, and the CA's own certificates
 * are answered revoked, so relying parties that check the chain and those that check only the
 * end-entity certificate both refuse them. A revoked CA never changes status again (a database
 * trigger holds to that too).
 */
@ApplicationScoped
public class IssuingCaLifecycle {

    /** Reasons that make sense for a CA; hold and removeFromCRL do not. */
    private static final Set<RevocationReason> CA_REASONS = Set.of(RevocationReason.UNSPECIFIED,
            RevocationReason.KEY_COMPROMISE, RevocationReason.CA_COMPROMISE, RevocationReason.AFFILIATION_CHANGED,
            RevocationReason.SUPERSEDED, RevocationReason.CESSATION_OF_OPERATION, RevocationReason.PRIVILEGE_WITHDRAWN);

    private final CertificateAuthorityRepository repository;
    private final AuditLog auditLog;
    private final Clock clock;
    private final Event<AuthoritiesChanged> authorityChanges;
    private final Event<CertificateChanged> certificateChanges;

    IssuingCaLifecycle(CertificateAuthorityRepository repository, AuditLog auditLog, Clock clock,
            Event<AuthoritiesChanged> authorityChanges, Event<CertificateChanged> certificateChanges) {
        this.repository = repository;
        this.auditLog = auditLog;
        this.clock = clock;
        this.authorityChanges = authorityChanges;
        this.certificateChanges = certificateChanges;
    }

    /** Stops issuance under an active issuing CA that is not the default. */
    @Transactional
    public CertificateAuthorityRecord retire(Actor actor, long caId) {
        CertificateAuthorityRecord ca = lockedIssuing(caId);
        if (ca.status != Status.ACTIVE) {
            throw PkiException.conflict("ca-not-active", "Only an active CA can be retired; '" + ca.name + "' is "
                    + ca.status.label() + ".");
        }
        if (ca.isDefault) {
            throw PkiException.conflict("ca-is-default", "'" + ca.name + "' is the default issuing CA; make another "
                    + "CA the default first.");
        }
        ca.status = Status.RETIRED;
        auditLog.record(actor, AuditAction.CA_RETIRED, ca.name, Map.of("subject", ca.subjectDn));
        authorityChanges.fire(new AuthoritiesChanged(ca.id));
        return ca;
    }

    /**
     * Revokes an active or retired issuing CA that one of our roots certified. If it was the
     * default, nothing is issued until an administrator makes another CA the default.
     */
    @Transactional
    public CertificateAuthorityRecord revoke(Actor actor, long caId, RevocationReason reason) {
        if (!CA_REASONS.contains(reason)) {
            throw PkiException.invalidInput("invalid-reason", "A CA cannot be revoked with reason '" + reason.apiName()
                    + "'; use cACompromise, keyCompromise, superseded, cessationOfOperation, affiliationChanged, "
                    + "privilegeWithdrawn or unspecified.");
        }
        CertificateAuthorityRecord ca = lockedIssuing(caId);
        if (ca.status == Status.REVOKED) {
            throw PkiException.conflict("ca-already-revoked", "The CA '" + ca.name + "' is already revoked ("
                    + ca.revocationReason + ").");
        }
        if (ca.status == Status.PENDING) {
            throw PkiException.conflict("ca-pending", "The CA '" + ca.name + "' has no certificate to revoke.");
        }
        CertificateAuthorityRecord parent = ca.parent;
        if (parent == null || parent.key == null) {
            throw PkiException.conflict("ca-parent-external", "The CA '" + ca.name + "' was certified by an enterprise "
                    + "root; that root's operator revokes it.");
        }
        Instant now = clock.instant();
        boolean wasDefault = ca.isDefault;
        ca.isDefault = false;
        ca.status = Status.REVOKED;
        ca.revokedAt = now;
        ca.revocationReason = reason.apiName();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("reason", reason.apiName());
        details.put("parent", parent.name);
        details.put("serial", serialOf(ca));
        details.put("wasDefault", wasDefault);
        auditLog.record(actor, AuditAction.CA_REVOKED, ca.name, details);
        certificateChanges.fire(new CertificateChanged(CertificateChanged.Change.REVOKED, parent.id, serialOf(ca),
                CertificateStatus.REVOKED, now, reason.apiName(), ca.notAfter));
        authorityChanges.fire(new AuthoritiesChanged(ca.id));
        return ca;
    }

    private CertificateAuthorityRecord lockedIssuing(long caId) {
        CertificateAuthorityRecord ca = repository.lock(caId);
        if (ca == null) {
            throw PkiException.notFound("ca-not-found", "No certificate authority with id " + caId + ".");
        }
        if (ca.role != Role.ISSUING) {
            throw PkiException.conflict("ca-not-issuing", "Only issuing CAs are retired or revoked; a root leaves service "
                    + "when relying parties remove it from their trust stores.");
        }
        return ca;
    }

    /** The CA certificate's serial as the certificate table writes serials: lower-case hex. */
    static String serialOf(CertificateAuthorityRecord ca) {
        return Der.certificate(ca.certificate).getSerialNumber().toString(16);
    }
}
