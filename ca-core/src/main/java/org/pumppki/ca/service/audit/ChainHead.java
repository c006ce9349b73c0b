package org.pumppki.ca.service.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.pumppki.ca.crypto.MalformedInputException;

/**
 * What an audit checkpoint attests: the newest event of the hash chain (its id and hash), how many
 * events the log held up to it, and when. Encoded as a small JSON document so that whoever verifies
 * a checkpoint offline ({@code openssl cms -verify}) can read what was signed.
 *
 * @param checkpointId the checkpoint's own number
 * @param eventId id of the newest event covered
 * @param eventHash that event's chain hash (hex SHA-256)
 * @param eventCount number of events with an id up to {@code eventId}
 * @param createdAt when the checkpoint was signed
 */
public record ChainHead(long checkpointId, long eventId, String eventHash, long eventCount, Instant createdAt) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The signed form; fields in a fixed order. */
    public byte[] encode() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("checkpoint", checkpointId);
        fields.put("eventId", eventId);
        fields.put("eventHash", eventHash);
        fields.put("eventCount", eventCount);
        fields.put("createdAt", createdAt.toString());
        try {
            return JSON.writeValueAsBytes(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot encode a chain head", e);
        }
    }

    /** @throws MalformedInputException if {@code content} is not a chain head */
    public static ChainHead decode(byte[] content) {
        try {
            JsonNode node = JSON.readTree(new String(content, StandardCharsets.UTF_8));
            return new ChainHead(required(node, "checkpoint").asLong(), required(node, "eventId").asLong(),
                    required(node, "eventHash").asText(), required(node, "eventCount").asLong(),
                    Instant.parse(required(node, "createdAt").asText()));
        } catch (JsonProcessingException | DateTimeParseException e) {
            throw new MalformedInputException("The signed content is not an audit chain head");
        }
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull()) {
            throw new MalformedInputException("The signed chain head lacks '" + field + "'");
        }
        return value;
    }
}
