package org.pumppki.ca.store;

import java.time.Instant;
import java.util.Optional;
import org.pumppki.ca.domain.CertificateHealth;
import org.pumppki.ca.domain.DeviceKind;
import org.pumppki.ca.domain.DeviceState;

/**
 * Filters of the device list; every present filter must match. {@code text} matches a substring of
 * serial, manufacturer, model, UDI, MAC address or location, case-insensitively.
 */
public record DeviceSearch(
        Optional<DeviceKind> kind,
        Optional<DeviceState> state,
        Optional<String> model,
        Optional<String> location,
        Optional<String> text,
        Optional<CertificateHealth> certificateHealth,
        Instant now,
        Instant expiringBefore,
        DeviceSort sort) {

    /** The same filters, evaluated at {@code now} with the given end of the expiry warning window. */
    public DeviceSearch at(Instant now, Instant expiringBefore) {
        return new DeviceSearch(kind, state, model, location, text, certificateHealth, now, expiringBefore, sort);
    }
}
