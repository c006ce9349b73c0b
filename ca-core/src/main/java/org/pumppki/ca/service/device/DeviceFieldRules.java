package org.pumppki.ca.service.device;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.pumppki.ca.crypto.ServerName;

/**
 * Syntax and normalisation of device fields, shared by the API, CSV import and EST. Each method
 * returns the normalised value or records a message for the field.
 */
final class DeviceFieldRules {

    private static final Pattern SERIAL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/:-]{0,63}");
    private static final Pattern MAC_HEX = Pattern.compile("[0-9a-f]{12}");
    private static final int MAX_HOSTNAMES = 20;

    private final Map<String, String> errors;

    DeviceFieldRules(Map<String, String> errors) {
        this.errors = errors;
    }

    String serial(String value) {
        String serial = trimToNull(value);
        if (serial == null) {
            errors.put("serial", "is required");
        } else if (!SERIAL.matcher(serial).matches()) {
            errors.put("serial", "must be 1 to 64 letters, digits or . _ / : - starting with a letter or digit");
        }
        return serial;
    }

    String requiredText(String field, String value, int maxLength) {
        String text = optionalText(field, value, maxLength);
        if (text == null) {
            errors.put(field, "is required");
        }
        return text;
    }

    String optionalText(String field, String value, int maxLength) {
        String text = trimToNull(value);
        if (text == null) {
            return null;
        }
        if (text.length() > maxLength) {
            errors.put(field, "must have at most " + maxLength + " characters");
        } else if (text.chars().anyMatch(Character::isISOControl)) {
            errors.put(field, "must not contain control characters");
        }
        return text;
    }

    /** Accepts {@code 00:1A:2b:..}, {@code 00-1a-..}, {@code 001a.2b3c.4d5e} and bare hex; stores {@code 00:1a:2b:3c:4d:5e}. */
    String macAddress(String value) {
        String text = trimToNull(value);
        if (text == null) {
            return null;
        }
        String hex = text.toLowerCase(Locale.ROOT).replaceAll("[:.\\-]", "");
        if (!MAC_HEX.matcher(hex).matches()) {
            errors.put("macAddress", "must be a 48-bit MAC address such as 00:1a:2b:3c:4d:5e");
            return null;
        }
        StringBuilder normalized = new StringBuilder(17);
        for (int i = 0; i < 12; i += 2) {
            if (i > 0) {
                normalized.append(':');
            }
            normalized.append(hex, i, i + 2);
        }
        return normalized.toString();
    }

    /** DNS names (lower-cased) and IP addresses (canonical form), without duplicates. */
    List<String> hostnames(List<String> values) {
        if (values == null || values.isEmpty()) {
            return List.of();
        }
        if (values.size() > MAX_HOSTNAMES) {
            errors.put("hostnames", "at most " + MAX_HOSTNAMES + " names");
            return List.of();
        }
        LinkedHashSet<String> names = new LinkedHashSet<>();
        for (String value : values) {
            try {
                names.add(ServerName.parse(value == null ? "" : value).text());
            } catch (IllegalArgumentException e) {
                errors.put("hostnames", e.getMessage());
                return List.of();
            }
        }
        return new ArrayList<>(names);
    }

    static String trimToNull(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        return trimmed.isEmpty() ? null : trimmed;
    }
}
