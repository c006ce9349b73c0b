package org.pumppki.api.admin;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.pumppki.ca.service.PkiException;
import org.pumppki.ca.service.device.DeviceFilter;
import org.pumppki.ca.service.device.DeviceImport;
import org.pumppki.ca.store.DeviceSearch;

/** Parses list query parameters; an unknown value is a 400 that names what is accepted. */
final class ListParameters {

    static final int MAX_PAGE_SIZE = 500;

    private ListParameters() {
    }

    static DeviceSearch deviceSearch(String kind, String state, String model, String location, String text,
            String health, String sort) {
        return DeviceFilter.parse(kind, state, model, location, text, health, sort);
    }

    static void checkPage(int page, int size) {
        if (page < 0) {
            throw PkiException.invalidInput("invalid-parameter", "page starts at 0.");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw PkiException.invalidInput("invalid-parameter", "size must be between 1 and " + MAX_PAGE_SIZE + ".");
        }
    }

    static void checkFormat(String format) {
        if (!"json".equals(format)) {
            throw invalid("format", format, "json, csv");
        }
    }

    static DeviceImport.Mode importMode(String mode) {
        return switch (mode.trim().toLowerCase(Locale.ROOT)) {
            case "partial" -> DeviceImport.Mode.PARTIAL;
            case "all-or-nothing" -> DeviceImport.Mode.ALL_OR_NOTHING;
            default -> throw invalid("mode", mode, "partial, all-or-nothing");
        };
    }

    static <T> Optional<T> parse(String name, String value, Function<String, Optional<T>> parser, String accepted) {
        return DeviceFilter.parse(name, value, parser, accepted);
    }

    static Optional<java.time.Instant> instant(String name, String value) {
        return parse(name, value, text -> {
            try {
                return Optional.of(java.time.Instant.parse(text));
            } catch (java.time.format.DateTimeParseException e) {
                return Optional.empty();
            }
        }, "an ISO-8601 instant such as 2026-01-31T08:00:00Z");
    }

    /** A parser accepting exactly the given values. */
    static Function<String, Optional<String>> oneOf(String... accepted) {
        java.util.Set<String> values = java.util.Set.of(accepted);
        return value -> values.contains(value) ? Optional.of(value) : Optional.empty();
    }

    static Optional<String> present(String value) {
        return DeviceFilter.present(value);
    }

    static PkiException invalid(String name, String value, String accepted) {
        return DeviceFilter.invalid(name, value, accepted);
    }
}
