package org.pumppki.ca.service.certificate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.bouncycastle.cert.X509CertificateHolder;
import org.pumppki.ca.crypto.AcceptedKey;
import org.pumppki.ca.crypto.CertificateProfile;
import org.pumppki.ca.crypto.Der;
import org.pumppki.ca.crypto.Fingerprint;
import org.pumppki.ca.crypto.IssuanceRequest;
import org.pumppki.ca.crypto.KeyPolicy;
import org.pumppki.ca.crypto.RequestRejectedException;
import org.pumppki.ca.crypto.RequestedNames;
import org.pumppki.ca.crypto.SerialNumberGenerator;
import org.pumppki.ca.crypto.StandardProfile;
import org.pumppki.ca.crypto.TrustedIdentity;
import org.pumppki.ca.crypto.UntrustedCsr;
import org.pumppki.ca.domain.CertificateStatus;
import org.pumppki.ca.service.Actor;
import org.pumppki.ca.service.CryptoFailures;
import org.pumppki.ca.service.PkiException;
import org.pumppki.ca.service.audit.AuditAction;
import org.pumppki.ca.service.audit.AuditLog;
import org.pumppki.ca.service.authority.CertificateAuthorities;
import org.pumppki.ca.service.device.ServerDevices;
import org.pumppki.ca.store.Certificate;
import org.pumppki.ca.store.CertificateAuthorityRecord;
import org.pumppki.ca.store.CertificateRepository;
import org.pumppki.ca.store.Device;

/**
 * Issues device certificates: checks the device and the request, signs under the default issuing
 * CA and commits the certificate with its audit event before anyone sees it.
 */
@ApplicationScoped
public class CertificateIssuance {

    private final CertificateAuthorities authorities;
    private final CertificateProfiles profiles;
    private final CertificateRepository certificates;
    private final DeviceIdentities identities;
    private final AuditLog auditLog;
    private final Clock clock;
    private final Event<CertificateChanged> changes;
    private final SerialNumberGenerator serials = new SerialNumberGenerator(new SecureRandom());

    CertificateIssuance(CertificateAuthorities authorities, CertificateProfiles profiles,
            CertificateRepository certificates, DeviceIdentities identities, AuditLog auditLog, Clock clock,
            Event<CertificateChanged> changes) {
        this.authorities = authorities;
        this.profiles = profiles;
        this.certificates = certificates;
        this.identities = identities;
        this.auditLog = auditLog;
        this.clock = clock;
        this.changes = changes;
    }

    /** Issues a certificate for the key and names of a PKCS#10 request (PEM, DER or base64). */
    @Transactional
    public IssuedCertificate issueFromCsr(Actor actor, UUID deviceId, byte[] csr, Optional<String> profileName) {
        return issueFromCsr(actor, deviceId, csr, profileName, Optional.empty());
    }

    /** As {@link #issueFromCsr(Actor, UUID, byte[], Optional)}, under the named issuing CA (empty = default). */
    @Transactional
    public IssuedCertificate issueFromCsr(Actor actor, UUID deviceId, byte[] csr, Optional<String> profileName,
            Optional<String> caName) {
        Device device = identities.enrollableDevice(deviceId);
        ServerDevices.requireAdministrator(actor, device.kind, "certify");
        StandardProfile profile = profiles.forDevice(device.kind, profileName);
        UntrustedCsr request = parse(actor, device, profile, csr);
        return issue(actor, device, profile, request.subjectKey(), request.requestedNames(), issuer(caName), null,
                AuditAction.CERTIFICATE_ISSUED);
    }

    /**
     * Issues PumpPKI's own HTTPS certificate (profile {@code pump-server}, lifetime {@code pki.tls.validity})
     * for host names the operator configured; it belongs to no device.
     */
    @Transactional
    public IssuedCertificate issueOwnTlsCertificate(Actor actor, AcceptedKey key, TrustedIdentity hostNames) {
        Instant now = clock.instant();
        CertificateAuthorityRecord ca = authorities.defaultIssuing();
        X509CertificateHolder certificate = sign(profiles.ownTls(), key, RequestedNames.none(), hostNames, ca, now);
        return commit(actor, certificate, ca, null, StandardProfile.PUMP_SERVER, Fingerprint.sha256(key.subjectPublicKeyInfo()),
                now, null, AuditAction.CERTIFICATE_ISSUED);
    }

    /**
     * Issues a certificate for a key the caller generated (server-side key generation); the caller
     * never hands the private key to this service.
     */
    @Transactional
    public IssuedCertificate issueForKey(Actor actor, UUID deviceId, AcceptedKey key, Optional<String> profileName) {
        return issueForKey(actor, deviceId, key, profileName, Optional.empty());
    }

    /** As {@link #issueForKey(Actor, UUID, AcceptedKey, Optional)}, under the named issuing CA (empty = default). */
    @Transactional
    public IssuedCertificate issueForKey(Actor actor, UUID deviceId, AcceptedKey key, Optional<String> profileName,
            Optional<String> caName) {
        Device device = identities.enrollableDevice(deviceId);
        ServerDevices.requireAdministrator(actor, device.kind, "certify");
        StandardProfile profile = profiles.forDevice(device.kind, profileName);
        return issue(actor, device, profile, key, RequestedNames.none(), issuer(caName), null, AuditAction.CERTIFICATE_ISSUED);
    }

    /**
     * Renews a certificate: for the same key when {@code csr} is empty, for a new key otherwise. The
     * new certificate names the device as the inventory knows it now.
     */
    @Transactional
    public IssuedCertificate renew(Actor actor, Certificate current, Optional<byte[]> csr) {
        return renew(actor, current, csr, Optional.empty());
    }

    /** As {@link #renew(Actor, Certificate, Optional)}, under the named issuing CA (empty = default). */
    @Transactional
    public IssuedCertificate renew(Actor actor, Certificate current, Optional<byte[]> csr, Optional<String> caName) {
        Device device = renewableDevice(actor, current);
        StandardProfile profile = StandardProfile.fromName(current.profile);
        if (csr.isPresent()) {
            UntrustedCsr request = parse(actor, device, profile, csr.get());
            return issue(actor, device, profile, request.subjectKey(), request.requestedNames(), issuer(caName), current,
                    AuditAction.CERTIFICATE_RENEWED);
        }
        AcceptedKey sameKey;
        try {
            sameKey = KeyPolicy.DEFAULT.check(Der.certificate(current.der).getSubjectPublicKeyInfo());
        } catch (RequestRejectedException e) {
            throw CryptoFailures.translate(e);
        }
        return issue(actor, device, profile, sameKey, RequestedNames.none(), issuer(caName), current,
                AuditAction.CERTIFICATE_RENEWED);
    }

    /** Renews for the key and names of a request the caller has already parsed and verified. */
    @Transactional
    public IssuedCertificate renew(Actor actor, Certificate current, UntrustedCsr request, Optional<String> caName) {
        Device device = renewableDevice(actor, current);
        return issue(actor, device, StandardProfile.fromName(current.profile), request.subjectKey(),
                request.requestedNames(), issuer(caName), current, AuditAction.CERTIFICATE_RENEWED);
    }

    private Device renewableDevice(Actor actor, Certificate current) {
        if (current.device == null) {
            throw PkiException.conflict("not-a-device-certificate", "Only device certificates are renewed here.");
        }
        if (current.status == CertificateStatus.REVOKED) {
            throw PkiException.conflict("certificate-revoked", "A revoked certificate cannot be renewed; enroll anew.");
        }
        if (current.status == CertificateStatus.ON_HOLD) {
            throw PkiException.conflict("certificate-on-hold", "A certificate on hold cannot be renewed; release it "
                    + "(or the device's quarantine) first.");
        }
        Device device = identities.enrollableDevice(current.device.id);
        ServerDevices.requireAdministrator(actor, device.kind, "certify");
        return device;
    }

    private IssuedCertificate issue(Actor actor, Device device, StandardProfile profile, AcceptedKey key,
            RequestedNames requestedNames, CertificateAuthorityRecord ca, Certificate replaces, AuditAction action) {
        Instant now = clock.instant();
        String keyHash = Fingerprint.sha256(key.subjectPublicKeyInfo());
        if (certificates.keyRevokedForCompromise(keyHash)) {
            throw refused(actor, device, profile, PkiException.policy("key-compromised",
                    "This public key was revoked for keyCompromise and is never certified again; generate a new key."));
        }
        if (certificates.keyInUseByAnotherDevice(keyHash, device.id, now)) {
            throw refused(actor, device, profile, PkiException.policy("key-in-use",
                    "This public key is already certified for another device; every device needs its own key."));
        }
        X509CertificateHolder certificate;
        try {
            certificate = sign(profiles.get(profile), key, requestedNames, identities.of(device), ca, now);
        } catch (PkiException e) {
            throw refused(actor, device, profile, e);
        }
        IssuedCertificate issued = commit(actor, certificate, ca, device, profile, keyHash, now, replaces, action);
        device.currentCertificate = issued.record();
        return issued;
    }

    private X509CertificateHolder sign(CertificateProfile profile, AcceptedKey key, RequestedNames requestedNames,
            TrustedIdentity identity, CertificateAuthorityRecord ca, Instant now) {
        try {
            IssuanceRequest request = new IssuanceRequest(key, requestedNames, identity, authorities.issuingCa(ca), now,
                    serials.next());
            return profile.issue(request, authorities.signer(ca));
        } catch (RequestRejectedException e) {
            throw CryptoFailures.translate(e);
        }
    }

    private IssuedCertificate commit(Actor actor, X509CertificateHolder certificate, CertificateAuthorityRecord ca,
            Device device, StandardProfile profile, String keyHash, Instant now, Certificate replaces, AuditAction action) {
        Certificate record = CertificateRecords.of(certificate, ca, device, profile, keyHash, now, replaces);
        record.enrolledOverEst = actor.isDevice();
        certificates.persist(record);
        auditLog.record(actor, action, record.serialNumber, describe(record));
        changes.fire(new CertificateChanged(CertificateChanged.Change.ISSUED, ca.id, record.serialNumber, record.status,
                null, null, record.notAfter));
        return new IssuedCertificate(record, certificate, authorities.chain(ca));
    }

    /** The named issuing CA, or the default one. */
    private CertificateAuthorityRecord issuer(Optional<String> caName) {
        return caName.map(authorities::byName).orElseGet(authorities::defaultIssuing);
    }

    private UntrustedCsr parse(Actor actor, Device device, StandardProfile profile, byte[] csr) {
        try {
            return UntrustedCsr.parse(csr, KeyPolicy.DEFAULT);
        } catch (RequestRejectedException e) {
            throw refused(actor, device, profile, CryptoFailures.translate(e));
        }
    }

    /** Records a refused request (in its own transaction: the caller's rolls back) and returns the failure. */
    private PkiException refused(Actor actor, Device device, StandardProfile profile, PkiException failure) {
        auditLog.recordFailure(actor, AuditAction.CERTIFICATE_REFUSED, device.id.toString(),
                Map.of("profile", profile.profileName(), "code", failure.code(), "reason", failure.getMessage()));
        return failure;
    }

    static Map<String, Object> describe(Certificate record) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("issuer", record.issuer.name);
        details.put("subject", record.subjectDn);
        details.put("profile", record.profile);
        details.put("device", record.device == null ? null : record.device.id.toString());
        details.put("notAfter", record.notAfter.toString());
        details.put("sha256", record.sha256Fingerprint);
        details.put("replaces", record.replaces == null ? null : record.replaces.serialNumber);
        return details;
    }
}
