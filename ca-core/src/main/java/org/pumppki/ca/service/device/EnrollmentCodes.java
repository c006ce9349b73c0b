package org.pumppki.ca.service.device;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.UUID;
import org.pumppki.ca.config.PkiConfig;
import org.pumppki.ca.service.Actor;
import org.pumppki.ca.service.Failure;
import org.pumppki.ca.service.PkiException;
import org.pumppki.ca.service.account.SignInThrottle;
import org.pumppki.ca.service.audit.AuditAction;
import org.pumppki.ca.service.audit.AuditLog;
import org.pumppki.ca.store.Device;
import org.pumppki.ca.store.EnrollmentCode;
import org.pumppki.ca.store.EnrollmentCodeRepository;

/**
 * One-time codes with which a pump or its vendor gateway authenticates an EST enrollment (HTTP
 * Basic inside TLS). A code has 130 random bits, is shown once, and only its SHA-256 is kept. It is
 * spent by the transaction that issues the certificate, so a refused request leaves it usable;
 * failed attempts are limited per device serial and per source address.
 */
@ApplicationScoped
public class EnrollmentCodes {

    /** A freshly created code; the plain code exists only in this answer. */
    public record NewCode(String code, Instant expiresAt) {
    }

    private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
    private static final int CODE_CHARACTERS = 26;
    private static final int MAX_SERIAL_LENGTH = 64;
    private static final int MAX_CODE_LENGTH = 64;

    private final DeviceInventory inventory;
    private final EnrollmentCodeRepository codes;
    private final AuditLog auditLog;
    private final Clock clock;
    private final Duration validity;
    private final SignInThrottle attempts;
    private final SecureRandom random = new SecureRandom();

    EnrollmentCodes(DeviceInventory inventory, EnrollmentCodeRepository codes, AuditLog auditLog, Clock clock,
            PkiConfig config) {
        this.inventory = inventory;
        this.codes = codes;
        this.auditLog = auditLog;
        this.clock = clock;
        this.validity = config.est().enrollmentCodeValidity();
        this.attempts = new SignInThrottle(clock, config.est().attemptWindow(), config.est().maxFailuresPerDevice(),
                config.est().maxFailuresPerSource());
    }

    /**
     * Spends the code of the device with this serial, inside the caller's transaction: if that
     * transaction rolls back, the code stays usable. The caller audits the use with
     * {@link #recordUse(Device, String)} once its enrollment succeeded.
     *
     * @throws PkiException {@code UNAUTHENTICATED} for an unknown, used, expired or mismatched code
     *         (audited), {@code RATE_LIMITED} while the serial or source has failed too often
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Device redeem(String serial, String code, String source) {
        if (serial.isEmpty() || serial.length() > MAX_SERIAL_LENGTH || code.length() > MAX_CODE_LENGTH) {
            throw new PkiException(Failure.UNAUTHENTICATED, "invalid-enrollment-code",
                    "The serial number and enrollment code do not match a usable code.");
        }
        Actor caller = new Actor("device:" + serial, List.of(), source);
        SignInThrottle.Decision decision = attempts.attempt(serial, source);
        if (!decision.allowed()) {
            if (decision.throttledToReport() > 0) {
                auditLog.recordFailure(caller, AuditAction.ENROLLMENT_CODE_REFUSED, serial,
                        Map.of("reason", "throttled", "attempts", decision.throttledToReport()));
            }
            throw new PkiException(Failure.RATE_LIMITED, "enrollment-throttled",
                    "Too many failed enrollment attempts for this device or address; try again in "
                            + Math.max(1, decision.retryAfter().get().toSeconds()) + " s.");
        }
        try {
            Instant now = clock.instant();
            Optional<EnrollmentCode> record = codes.findByHashForUpdate(hash(code));
            String problem = record.isEmpty() ? "unknown code"
                    : !record.get().device.serial.equals(serial) ? "code of another device"
                    : record.get().usedAt != null ? "code already used"
                    : !record.get().expiresAt.isAfter(now) ? "code expired"
                    : null;
            if (problem != null) {
                auditLog.recordFailure(caller, AuditAction.ENROLLMENT_CODE_REFUSED,
                        record.map(r -> r.device.id.toString()).orElse(serial), Map.of("serial", serial, "reason", problem));
                throw new PkiException(Failure.UNAUTHENTICATED, "invalid-enrollment-code",
                        "The serial number and enrollment code do not match a usable code.");
            }
            record.get().usedAt = now;
            attempts.succeeded(serial, source);
            // Audited by the caller once the enrollment succeeded: a refusal audits in a transaction of its
            // own, which would wait behind this one's hold on the audit chain.
            return record.get().device;
        } finally {
            attempts.settled(serial, source);
        }
    }

    @Transactional
    public NewCode create(Actor actor, UUID deviceId) {
        Device device = inventory.get(deviceId);
        ServerDevices.requireAdministrator(actor, device.kind, "give an enrollment code to");
        if (!device.state.acceptsEnrollment()) {
            throw PkiException.conflict("device-not-in-service",
                    "The device is " + device.state.label() + "; only devices in service can enroll.");
        }
        String code = randomCode();
        Instant now = clock.instant();
        EnrollmentCode record = new EnrollmentCode();
        record.device = device;
        record.codeHash = hash(code);
        record.createdBy = actor.name();
        record.createdAt = now;
        record.expiresAt = now.plus(validity);
        codes.persist(record);
        auditLog.record(actor, AuditAction.ENROLLMENT_CODE_CREATED, device.id.toString(),
                Map.of("expiresAt", record.expiresAt.toString()));
        return new NewCode(code, record.expiresAt);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void recordUse(Device device, String source) {
        auditLog.record(new Actor("device:" + device.serial, List.of(), source), AuditAction.ENROLLMENT_CODE_USED,
                device.id.toString(), Map.of("serial", device.serial));
    }

    /** Groups of five characters from an alphabet without look-alikes (no 0/O, 1/I). */
    private String randomCode() {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < CODE_CHARACTERS; i++) {
            if (i > 0 && i % 5 == 0) {
                code.append('-');
            }
            code.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return code.toString();
    }

    static String hash(String code) {
        String normalized = code.trim().toUpperCase(java.util.Locale.ROOT).replace("-", "");
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(normalized.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }
}
