package org.pumppki.scheduler.scan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The facts behind a flag, kept as a JSON object. */
final class Details {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, Object> values = new LinkedHashMap<>();

    static Details of() {
        return new Details();
    }

    /** The details a finding already carries, to add to them. */
    @SuppressWarnings("unchecked")
    static Details parse(String json) {
        Details details = new Details();
        if (json != null) {
            try {
                details.values.putAll(JSON.readValue(json, Map.class));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return details;
    }

    Details with(String name, Object value) {
        if (value != null) {
            values.put(name, value instanceof Instant instant ? instant.toString() : value);
        }
        return this;
    }

    String json() {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
