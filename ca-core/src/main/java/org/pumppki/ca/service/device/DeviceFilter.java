package org.pumppki.ca.service.device;

import java.util.Optional;
import java.util.function.Function;
import org.pumppki.ca.domain.CertificateHealth;
import org.pumppki.ca.domain.DeviceKind;
import org.pumppki.ca.domain.DeviceState;
import org.pumppki.ca.service.PkiException;
import org.pumppki.ca.store.DeviceSearch;
import org.pumppki.ca.store.DeviceSort;

/**
 * The device list's filters as people type them (labels such as {@code in-service}), read the same
 * way by the REST API and the console. An unknown value is invalid input that names what is accepted.
 */
public final class DeviceFilter {

    private DeviceFilter() {
    }

    /** A search from text parameters; blank ones filter nothing. */
    public static DeviceSearch parse(String kind, String state, String model, String location, String text,
            String health, String sort) {
        return new DeviceSearch(
                parse("kind", kind, DeviceKind::fromLabel, "pump, pump-server, radius-server"),
                parse("state", state, DeviceState::fromLabel, "in-service, quarantined, lost, decommissioned"),
                present(model),
                present(location),
                present(text),
                parse("certificateStatus", health, CertificateHealth::fromLabel,
                        "valid, expiring, expired, on-hold, revoked, none"),
                null,
                null,
                sort == null || sort.isBlank() ? DeviceSort.DEFAULT
                        : DeviceSort.parse(sort.trim()).orElseThrow(() -> invalid("sort", sort,
                                "serial, model, location, state, kind, createdAt (prefix - for descending)")));
    }

    /** The parsed value, empty when blank; invalid input when the parser does not know it. */
    public static <T> Optional<T> parse(String name, String value, Function<String, Optional<T>> parser, String accepted) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(parser.apply(value.trim()).orElseThrow(() -> invalid(name, value, accepted)));
    }

    /** The trimmed value, empty when blank. */
    public static Optional<String> present(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    /** Invalid input naming the parameter and the accepted values. */
    public static PkiException invalid(String name, String value, String accepted) {
        return PkiException.invalidInput("invalid-parameter",
                "'" + value + "' is not a valid " + name + "; use one of: " + accepted + ".");
    }
}
