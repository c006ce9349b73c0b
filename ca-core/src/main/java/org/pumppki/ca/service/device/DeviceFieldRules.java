package org.pumppki.ca.service.device;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Syntax and normalisation of device fields, shared by the API, CSV import and EST. Each method
 * returns the normalised value or records a message for the field.
 */
final class DeviceFieldRules {

    private static final Pattern SERIAL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/:-]{0,63}");
    private static final Pattern MAC_HEX = Pattern.compile("[0-9a-f]{12}");
    private static final Pattern DNS_LABEL = Pattern.compile("(?!-)[a-z0-9-]{1,63}(?<!-)");
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|[0-9a-f:.]*:[0-9a-f:.]*");
    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])");
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
            Optional<String> name = hostname(value);
            if (name.isEmpty()) {
                errors.put("hostnames", "'" + value + "' is neither a DNS name nor an IP address");
                return List.of();
            }
            names.add(name.get());
        }
        return new ArrayList<>(names);
    }

    static Optional<String> hostname(String value) {
        String text = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        if (text.isEmpty() || text.length() > 253) {
            return Optional.empty();
        }
        if (IP_LITERAL.matcher(text).matches()) {
            return ipAddress(text);
        }
        String[] labels = text.split("\\.", -1);
        for (int i = 0; i < labels.length; i++) {
            boolean wildcard = i == 0 && labels[i].equals("*") && labels.length > 2;
            if (!wildcard && !DNS_LABEL.matcher(labels[i]).matches()) {
                return Optional.empty();
            }
        }
        return Optional.of(text);
    }

    private static Optional<String> ipAddress(String text) {
        // Only well-formed literals reach InetAddress, so this never resolves a name.
        try {
            if (text.contains(":") || IPV4.matcher(text).matches()) {
                return Optional.of(InetAddress.getByName(text).getHostAddress());
            }
            return Optional.empty();
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    static String trimToNull(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        return trimmed.isEmpty() ? null : trimmed;
    }
}
