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
import java.util.Map;
import java.util.UUID;
import org.pumppki.ca.config.PkiConfig;
import org.pumppki.ca.service.Actor;
import org.pumppki.ca.service.audit.AuditAction;
import org.pumppki.ca.service.audit.AuditLog;
import org.pumppki.ca.store.Device;
import org.pumppki.ca.store.EnrollmentCode;
import org.pumppki.ca.store.EnrollmentCodeRepository;

/**
 * One-time codes with which a pump or its vendor gateway authenticates an EST enrollment (HTTP
 * Basic inside TLS). A code has 130 random bits, is shown once, and only its SHA-256 is kept.
 */
@ApplicationScoped
public class EnrollmentCodes {

    /** A freshly created code; the plain code exists only in this answer. */
    public record NewCode(String code, Instant expiresAt) {
    }

    private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
    private static final int CODE_CHARACTERS = 26;

    private final DeviceInventory inventory;
    private final EnrollmentCodeRepository codes;
    private final AuditLog auditLog;
    private final Clock clock;
    private final Duration validity;
    private final SecureRandom random = new SecureRandom();

    EnrollmentCodes(DeviceInventory inventory, EnrollmentCodeRepository codes, AuditLog auditLog, Clock clock,
            PkiConfig config) {
        this.inventory = inventory;
        this.codes = codes;
        this.auditLog = auditLog;
        this.clock = clock;
        this.validity = config.est().enrollmentCodeValidity();
    }

    @Transactional
    public NewCode create(Actor actor, UUID deviceId) {
        Device device = inventory.get(deviceId);
        ServerDevices.requireAdministrator(actor, device.kind, "give an enrollment code to");
        if (!device.state.acceptsEnrollment()) {
            throw org.pumppki.ca.service.PkiException.conflict("device-not-in-service",
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
