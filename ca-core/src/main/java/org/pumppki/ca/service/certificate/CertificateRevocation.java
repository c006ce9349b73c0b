package org.pumppki.ca.service.certificate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.pumppki.ca.crypto.RevocationReason;
import org.pumppki.ca.domain.CertificateStatus;
import org.pumppki.ca.security.Role;
import org.pumppki.ca.service.Actor;
import org.pumppki.ca.service.Failure;
import org.pumppki.ca.service.PkiException;
import org.pumppki.ca.service.audit.AuditAction;
import org.pumppki.ca.service.audit.AuditLog;
import org.pumppki.ca.store.Certificate;
import org.pumppki.ca.store.CertificateRepository;
import org.pumppki.ca.store.Device;

/**
 * Revokes certificates, puts them on hold and releases them. Every change is audited in the same
 * transaction and announced after commit to the OCSP index and the CRL publisher.
 *
 * <p>Each change re-reads the certificate under its row lock first and decides on what it finds
 * there, so that a revocation racing a hold or a quarantine cannot end on hold: whichever commits
 * second sees the first. Revocation is final; only a hold is lifted.
 */
@ApplicationScoped
public class CertificateRevocation {

    private final CertificateRepository certificates;
    private final AuditLog auditLog;
    private final Clock clock;
    private final Event<CertificateChanged> changes;

    CertificateRevocation(CertificateRepository certificates, AuditLog auditLog, Clock clock,
            Event<CertificateChanged> changes) {
        this.certificates = certificates;
        this.auditLog = auditLog;
        this.clock = clock;
        this.changes = changes;
    }

    /** Revokes for good. A held certificate may be revoked; a revoked one cannot be revoked again. */
    @Transactional
    public Certificate revoke(Actor actor, Certificate unlocked, RevocationReason reason) {
        requireMayChange(actor, unlocked);
        Certificate certificate = certificates.lockForChange(unlocked);
        if (reason == RevocationReason.CERTIFICATE_HOLD || reason == RevocationReason.REMOVE_FROM_CRL) {
            throw PkiException.invalidInput("invalid-reason", "Use the hold and release operations for '"
                    + reason.apiName() + "'.");
        }
        if (certificate.status == CertificateStatus.REVOKED) {
            throw PkiException.conflict("already-revoked", "Certificate " + certificate.serialNumber + " is already revoked ("
                    + certificate.revocationReason + ").");
        }
        return change(actor, certificate, CertificateChanged.Change.REVOKED, CertificateStatus.REVOKED, clock.instant(),
                reason, AuditAction.CERTIFICATE_REVOKED);
    }

    /** Suspends a valid certificate (reason certificateHold); it can be released later. */
    @Transactional
    public Certificate hold(Actor actor, Certificate unlocked) {
        requireMayChange(actor, unlocked);
        Certificate certificate = certificates.lockForChange(unlocked);
        if (certificate.status != CertificateStatus.VALID) {
            throw PkiException.conflict("not-valid", "Only a valid certificate can be put on hold; " + certificate.serialNumber
                    + " is " + certificate.status.label() + ".");
        }
        return change(actor, certificate, CertificateChanged.Change.HELD, CertificateStatus.ON_HOLD, clock.instant(),
                RevocationReason.CERTIFICATE_HOLD, AuditAction.CERTIFICATE_HELD);
    }

    /** Ends a hold: the certificate is valid again and leaves the next CRL. */
    @Transactional
    public Certificate release(Actor actor, Certificate unlocked) {
        requireMayChange(actor, unlocked);
        Certificate certificate = certificates.lockForChange(unlocked);
        if (certificate.status != CertificateStatus.ON_HOLD) {
            throw PkiException.conflict("not-on-hold", "Certificate " + certificate.serialNumber + " is not on hold.");
        }
        return change(actor, certificate, CertificateChanged.Change.RELEASED, CertificateStatus.VALID, null, null,
                AuditAction.CERTIFICATE_RELEASED);
    }

    /** Revokes every certificate of the device that is not already revoked; one audit event each. */
    @Transactional
    public List<Certificate> revokeAllOf(Actor actor, Device device, RevocationReason reason) {
        List<Certificate> usable = certificates.notRevokedOfDevice(device.id);
        usable.forEach(certificate -> revoke(actor, certificate, reason));
        return usable;
    }

    /**
     * Quarantine: puts every valid, unexpired certificate of the device on hold and marks those
     * holds as the quarantine's. A certificate revoked meanwhile is left as it is.
     */
    @Transactional
    public List<Certificate> holdAllOf(Actor actor, Device device) {
        List<Certificate> held = new java.util.ArrayList<>();
        for (Certificate candidate : certificates.usableOfDevice(device.id, clock.instant())) {
            Certificate certificate = certificates.lockForChange(candidate);
            if (certificate.status == CertificateStatus.VALID) {
                hold(actor, certificate).heldByQuarantine = true;
                held.add(certificate);
            }
        }
        return held;
    }

    /**
     * End of quarantine: releases the holds the quarantine placed. Certificates held on their own,
     * before or during the quarantine, stay on hold until released on their own.
     */
    @Transactional
    public List<Certificate> releaseAllOf(Actor actor, Device device) {
        List<Certificate> released = new java.util.ArrayList<>();
        for (Certificate candidate : certificates.notRevokedOfDevice(device.id)) {
            Certificate certificate = certificates.lockForChange(candidate);
            if (certificate.status == CertificateStatus.ON_HOLD && certificate.heldByQuarantine) {
                release(actor, certificate);
                released.add(certificate);
            }
        }
        return released;
    }

    private Certificate change(Actor actor, Certificate certificate, CertificateChanged.Change change,
            CertificateStatus status, Instant revokedAt, RevocationReason reason, AuditAction action) {
        certificate.status = status;
        certificate.heldByQuarantine = false;
        certificate.revokedAt = revokedAt;
        certificate.revocationReason = reason == null ? null : reason.apiName();
        // Marking the CRL stale locks the CA row: take it before the audit chain, in the order the CRL
        // publisher takes them, or a revocation and a CRL publication deadlock each other.
        changes.fire(new CertificateChanged(change, certificate.issuer.id, certificate.serialNumber, status, revokedAt,
                certificate.revocationReason, certificate.notAfter));
        auditLog.record(actor, action, certificate.serialNumber, Map.of(
                "issuer", certificate.issuer.name,
                "reason", reason == null ? "" : reason.apiName(),
                "device", certificate.device == null ? "" : certificate.device.id.toString()));
        return certificate;
    }

    /** Biomedical engineers manage device certificates; the CA's own (responders) are for administrators. */
    private static void requireMayChange(Actor actor, Certificate certificate) {
        if (certificate.device == null && !actor.roles().isEmpty() && !actor.hasRole(Role.Names.ADMIN)) {
            throw new PkiException(Failure.FORBIDDEN, "not-a-device-certificate",
                    "Only administrators change the status of certificates that belong to no device.");
        }
    }
}
