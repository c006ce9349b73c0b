package org.pumppki.ca.service.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.pumppki.ca.store.AuditEvent;

/**
 * The hash chain of the audit log: each event's hash is SHA-256 over the previous event's hash and
 * the event's own canonical form. Changing, removing or reordering a committed event breaks every
 * later link.
 */
public final class AuditChain {

    /** The "previous hash" of the first event. */
    public static final String GENESIS = "0".repeat(64);

    private AuditChain() {
    }

    public static String hash(AuditEvent event) {
        String canonical = String.join("\n", Stream.of(
                        event.previousHash,
                        String.valueOf(event.id),
                        DateTimeFormatter.ISO_INSTANT.format(event.occurredAt.truncatedTo(ChronoUnit.MICROS)),
                        event.actor,
                        event.actorRoles,
                        event.sourceAddress,
                        event.action,
                        event.targetType,
                        event.targetId,
                        event.outcome,
                        event.details)
                .map(AuditChain::field)
                .toList());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }

    /** Length-prefixed, so that no choice of field values can produce another event's form. */
    private static String field(String value) {
        return value == null ? "-1:" : value.length() + ":" + value;
    }
}
