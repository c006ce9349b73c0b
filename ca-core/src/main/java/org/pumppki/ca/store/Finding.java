package org.pumppki.ca.store;

import java.time.Instant;
import java.util.UUID;
import org.pumppki.ca.domain.FlagKind;
import org.pumppki.ca.domain.FlagSeverity;

/**
 * One condition a scan found, ready to become or refresh an open flag.
 *
 * @param details JSON object text, or null
 */
public record Finding(FlagKind kind, FlagSeverity severity, String subject, UUID deviceId, Long certificateId,
        Long authorityId, String summary, String details, Instant dueAt) {

    public static String certificateSubject(long certificateId) {
        return "certificate:" + certificateId;
    }

    public static String deviceSubject(UUID deviceId) {
        return "device:" + deviceId;
    }

    public static String authoritySubject(long authorityId) {
        return "ca:" + authorityId;
    }
}
