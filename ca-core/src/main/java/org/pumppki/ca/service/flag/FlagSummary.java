package org.pumppki.ca.service.flag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Map;
import org.pumppki.ca.store.Flag;

/**
 * A flag as the API, the console and the notifications show it: what, about which device or
 * certificate, how urgent, since when, and what to do.
 */
public record FlagSummary(long id, String kind, String severity, String state, String subject, String summary,
        String action, String deviceId, String deviceSerial, String deviceKind, String location,
        String certificateSerial, String ca, Map<String, Object> details, Instant dueAt, Instant firstSeen,
        Instant lastSeen, Instant resolvedAt, Instant acknowledgedAt, String acknowledgedBy, String acknowledgement) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static FlagSummary of(Flag flag) {
        return new FlagSummary(flag.id, flag.kind.label(), flag.severity.label(), flag.isOpen() ? "open" : "resolved",
                flag.subject, flag.summary, flag.kind.action(),
                flag.device == null ? null : flag.device.id.toString(),
                flag.device == null ? null : flag.device.serial,
                flag.device == null ? null : flag.device.kind.label(),
                flag.device == null ? null : flag.device.location,
                flag.certificate == null ? null : flag.certificate.serialNumber,
                flag.authority == null ? null : flag.authority.name,
                details(flag.details), flag.dueAt, flag.firstSeen, flag.lastSeen, flag.resolvedAt, flag.acknowledgedAt,
                flag.acknowledgedBy, flag.acknowledgement);
    }

    private static Map<String, Object> details(String json) {
        if (json == null) {
            return Map.of();
        }
        try {
            return JSON.readValue(json, new TypeReference<Map<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Flag details are not a JSON object", e);
        }
    }
}
