package org.pumppki.ca.service.est;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.pumppki.ca.config.PkiConfig;
import org.pumppki.ca.crypto.AlgorithmPreset;
import org.pumppki.ca.crypto.DeviceCertificateIdentity;
import org.pumppki.ca.crypto.Fingerprint;
import org.pumppki.ca.crypto.KeyPolicy;
import org.pumppki.ca.crypto.ManufacturerTrust;
import org.pumppki.ca.crypto.RequestRejectedException;
import org.pumppki.ca.crypto.UntrustedCsr;
import org.pumppki.ca.domain.CertificateStatus;
import org.pumppki.ca.domain.DeviceKind;
import org.pumppki.ca.domain.DeviceState;
import org.pumppki.ca.service.Actor;
import org.pumppki.ca.service.CryptoFailures;
import org.pumppki.ca.service.Failure;
import org.pumppki.ca.service.PkiException;
import org.pumppki.ca.service.audit.AuditAction;
import org.pumppki.ca.service.audit.AuditLog;
import org.pumppki.ca.service.certificate.CertificateIssuance;
import org.pumppki.ca.service.certificate.IssuedCertificate;
import org.pumppki.ca.service.certificate.ServerKeyGeneration;
import org.pumppki.ca.service.device.DeviceDetails;
import org.pumppki.ca.service.device.DeviceInventory;
import org.pumppki.ca.service.device.EnrollmentCodes;
import org.pumppki.ca.store.Certificate;
import org.pumppki.ca.store.CertificateRepository;
import org.pumppki.ca.store.Device;

/**
 * The use cases of EST (RFC 7030): enrollment authenticated by a one-time code or by a
 * manufacturer device certificate (zero-touch), and re-enrollment with the device's current
 * certificate. Issuance goes through {@link CertificateIssuance}, like every other door.
 */
@ApplicationScoped
public class EstEnrollment {

    private final EnrollmentCodes codes;
    private final CertificateIssuance issuance;
    private final CertificateRepository certificates;
    private final DeviceInventory inventory;
    private final AuditLog auditLog;
    private final Clock clock;
    /** Keys generated for pumps by serverkeygen: what every pump TLS stack and FreeRADIUS take. */
    private static final AlgorithmPreset SERVER_KEY_PRESET = AlgorithmPreset.EC_P256_SHA256;

    private final ManufacturerAnchors manufacturers;
    private final ServerKeyGeneration keyGeneration;
    private final PkiConfig.Est config;

    EstEnrollment(EnrollmentCodes codes, CertificateIssuance issuance, CertificateRepository certificates,
            DeviceInventory inventory, ManufacturerAnchors manufacturers, ServerKeyGeneration keyGeneration,
            AuditLog auditLog, Clock clock, PkiConfig config) {
        this.keyGeneration = keyGeneration;
        this.manufacturers = manufacturers;
        this.codes = codes;
        this.issuance = issuance;
        this.certificates = certificates;
        this.inventory = inventory;
        this.auditLog = auditLog;
        this.clock = clock;
        this.config = config.est();
    }

    /** {@code simpleenroll} with HTTP Basic: the device serial and its one-time code. */
    @Transactional
    public IssuedCertificate enrollWithCode(String serial, String code, String source, byte[] csr, EstPolicy policy) {
        Device device = codes.redeem(serial, code, source);
        IssuedCertificate issued = issuance.issueFromCsr(deviceActor(device, source), device.id, csr, policy.profile(),
                policy.caName());
        codes.recordUse(device, source);
        return issued;
    }

    /** {@code serverkeygen} with HTTP Basic: the device serial and its one-time code. */
    @Transactional
    public ServerKeyGeneration.KeyOverTls serverKeygenWithCode(String serial, String code, String source, EstPolicy policy) {
        Device device = codes.redeem(serial, code, source);
        ServerKeyGeneration.KeyOverTls generated = keyGeneration.generateOverTls(deviceActor(device, source), device.id,
                policy.profile(), policy.caName(), SERVER_KEY_PRESET);
        codes.recordUse(device, source);
        return generated;
    }

    /** {@code serverkeygen} with a manufacturer device certificate; a pending pump waits for approval. */
    @Transactional
    public Optional<ServerKeyGeneration.KeyOverTls> serverKeygenWithDeviceCertificate(List<X509Certificate> chain,
            String source, EstPolicy policy) {
        Device device = zeroTouchDevice(chain, source, policy);
        if (device.state == DeviceState.PENDING) {
            return Optional.empty();
        }
        return Optional.of(keyGeneration.generateOverTls(deviceActor(device, source), device.id, policy.profile(),
                policy.caName(), SERVER_KEY_PRESET));
    }

    public int retryAfterSeconds() {
        return config.zeroTouch().retryAfterSeconds();
    }

    /**
     * {@code simpleenroll} with a manufacturer device certificate: the pump is found by the serial
     * in that certificate or registered as pending, and enrolled unless it waits for approval.
     */
    @Transactional
    public EstOutcome enrollWithDeviceCertificate(List<X509Certificate> chain, String source, byte[] csr, EstPolicy policy) {
        Device device = zeroTouchDevice(chain, source, policy);
        if (device.state == DeviceState.PENDING) {
            return new EstOutcome.Pending(device, config.zeroTouch().retryAfterSeconds());
        }
        return new EstOutcome.Issued(issuance.issueFromCsr(deviceActor(device, source), device.id, csr, policy.profile(),
                policy.caName()));
    }

    /**
     * The device a manufacturer certificate speaks for, for {@code simpleenroll} and
     * {@code serverkeygen}; a pump seen for the first time is registered, as pending unless
     * {@code pki.est.zero-touch.auto-approve}.
     *
     * @throws PkiException {@code UNAUTHENTICATED} unless the chain leads to a configured manufacturer CA
     */
    @Transactional
    public Device zeroTouchDevice(List<X509Certificate> chain, String source, EstPolicy policy) {
        ManufacturerTrust trust = manufacturers.trust();
        Actor unknown = new Actor("device:unidentified", List.of(), source);
        if (trust.isEmpty() || !trust.accepts(chain, clock.instant())) {
            auditLog.recordFailure(unknown, AuditAction.EST_REQUEST_REFUSED, "unknown",
                    Map.of("reason", "client certificate from no configured manufacturer CA"));
            throw new PkiException(Failure.UNAUTHENTICATED, "unknown-device-certificate",
                    "The client certificate does not chain to a manufacturer CA this server trusts.");
        }
        DeviceCertificateIdentity identity = DeviceCertificateIdentity.of(holder(chain.get(0)));
        List<Device> known = inventory.findAllBySerial(identity.serial());
        if (known.size() > 1) {
            throw PkiException.conflict("ambiguous-serial", "Several devices carry serial " + identity.serial()
                    + "; register the pump by hand or give it an enrollment code.");
        }
        if (!known.isEmpty()) {
            return known.get(0);
        }
        // Registered in a transaction of its own: the pump stays known even if this request's CSR is refused.
        java.util.UUID id = QuarkusTransaction.requiringNew().call(() -> registerSeen(identity, holder(chain.get(0)), source, policy));
        return inventory.get(id);
    }

    private java.util.UUID registerSeen(DeviceCertificateIdentity identity, X509CertificateHolder idevid, String source,
            EstPolicy policy) {
        Actor actor = new Actor("device:" + identity.serial(), List.of(), source);
        boolean approve = config.zeroTouch().autoApprove();
        Device device = inventory.register(actor, new DeviceDetails(DeviceKind.PUMP.label(), identity.serial(),
                identity.manufacturer(), policy.label().orElse("unspecified"), null, null, null, null,
                null, List.of()), approve ? DeviceState.IN_SERVICE : DeviceState.PENDING);
        if (!approve) {
            auditLog.record(actor, AuditAction.DEVICE_PENDING, device.id.toString(),
                    Map.of("serial", identity.serial(), "manufacturer", identity.manufacturer(),
                            "idevid", Fingerprint.sha256(idevid)));
        }
        return device.id;
    }

    /**
     * {@code simplereenroll} (RFC 7030 §4.2.2): the client's certificate, presented over mutual TLS,
     * must be one PumpPKI issued to a device, usable now, and name exactly what the new request
     * names. The old certificate is revoked as superseded once {@code pki.est.superseded-grace-period}
     * has passed.
     */
    @Transactional
    public IssuedCertificate reenroll(X509Certificate clientCertificate, String source, byte[] csr, EstPolicy policy) {
        Certificate current = usableCurrentCertificate(clientCertificate, source);
        Actor actor = deviceActor(current.device, source);
        UntrustedCsr request;
        try {
            request = UntrustedCsr.parse(csr, KeyPolicy.DEFAULT);
        } catch (RequestRejectedException e) {
            throw refusedReenrollment(actor, current, CryptoFailures.translate(e));
        }
        requireSameNames(actor, current, request);
        IssuedCertificate renewed = issuance.renew(actor, current, request, policy.caName());
        if (current.supersedeAfter == null) {
            current.supersedeAfter = clock.instant().plus(config.supersededGracePeriod());
        }
        return renewed;
    }

    /** A certificate that re-enrollment may replace: issued here to a device, unexpired, not revoked or held. */
    private Certificate usableCurrentCertificate(X509Certificate clientCertificate, String source) {
        X509CertificateHolder presented = holder(clientCertificate);
        Optional<Certificate> record = certificates.findBySha256Fingerprint(Fingerprint.sha256(presented));
        Actor caller = new Actor("device:unidentified", List.of(), source);
        if (record.isEmpty() || record.get().device == null) {
            auditLog.recordFailure(caller, AuditAction.EST_REQUEST_REFUSED, "unknown",
                    Map.of("reason", "re-enrollment with a certificate that is not a device certificate of this CA"));
            throw new PkiException(Failure.UNAUTHENTICATED, "unknown-certificate",
                    "The client certificate is not a device certificate issued by this CA.");
        }
        Certificate current = record.get();
        Instant now = clock.instant();
        if (current.status == CertificateStatus.REVOKED) {
            throw refusedReenrollment(caller, current, new PkiException(Failure.FORBIDDEN, "certificate-revoked",
                    "The client certificate is revoked; enroll anew with an enrollment code."));
        }
        if (current.status == CertificateStatus.ON_HOLD) {
            throw refusedReenrollment(caller, current, new PkiException(Failure.FORBIDDEN, "certificate-on-hold",
                    "The client certificate is on hold; it can re-enroll once released."));
        }
        if (!current.notAfter.isAfter(now) || current.notBefore.isAfter(now)) {
            throw refusedReenrollment(caller, current, new PkiException(Failure.UNAUTHENTICATED, "certificate-expired",
                    "The client certificate is not valid now; enroll anew with an enrollment code."));
        }
        return current;
    }

    private void requireSameNames(Actor actor, Certificate current, UntrustedCsr request) {
        X509CertificateHolder certificate = org.pumppki.ca.crypto.Der.certificate(current.der);
        if (!request.requestedNames().untrustedSubject().equals(certificate.getSubject())) {
            throw refusedReenrollment(actor, current, PkiException.invalidInput("subject-mismatch",
                    "The request's subject must equal the current certificate's (" + certificate.getSubject()
                            + "), RFC 7030 section 4.2.2."));
        }
        List<?> requestedAltNames = request.requestedNames().untrustedAltNames();
        Extension altNames = certificate.getExtension(Extension.subjectAlternativeName);
        List<?> currentAltNames = altNames == null ? List.of()
                : List.of(GeneralNames.getInstance(altNames.getParsedValue()).getNames());
        if (!requestedAltNames.isEmpty() && !requestedAltNames.equals(currentAltNames)) {
            throw refusedReenrollment(actor, current, PkiException.invalidInput("subject-alt-name-mismatch",
                    "The request's subjectAltName must equal the current certificate's, RFC 7030 section 4.2.2."));
        }
    }

    private PkiException refusedReenrollment(Actor actor, Certificate current, PkiException failure) {
        auditLog.recordFailure(actor, AuditAction.REENROLLMENT_REFUSED, current.serialNumber,
                Map.of("code", failure.code(), "reason", failure.getMessage()));
        return failure;
    }

    private static Actor deviceActor(Device device, String source) {
        return Actor.device(device.serial, source);
    }

    private static X509CertificateHolder holder(X509Certificate certificate) {
        try {
            return new X509CertificateHolder(certificate.getEncoded());
        } catch (java.security.cert.CertificateEncodingException | java.io.IOException e) {
            throw PkiException.invalidInput("malformed-certificate", "The client certificate cannot be read.");
        }
    }
}
