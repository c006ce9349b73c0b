package org.pumppki.ca.service;

import java.util.Map;
import java.util.TreeMap;

/** Input with one or more invalid fields; each field comes with a message a person can act on. */
public class InvalidFieldsException extends PkiException {

    private final Map<String, String> fields;

    public InvalidFieldsException(String code, Map<String, String> fields) {
        super(Failure.INVALID_INPUT, code, "Invalid fields: " + String.join(", ", new TreeMap<>(fields).keySet()) + ".");
        this.fields = Map.copyOf(fields);
    }

    /** Field name to message, sorted by field name. */
    public Map<String, String> fields() {
        return new TreeMap<>(fields);
    }

    /** All messages on one line, for reports that cannot carry fields separately (CSV rows). */
    public String summary() {
        return String.join("; ", fields().entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList());
    }
}
