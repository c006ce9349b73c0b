package org.pumppki.console;

import java.time.Instant;
import java.util.UUID;
import org.pumppki.ca.store.Device;

/** A device as a row of the list: its identity, place, state and the health of its newest certificate. */
public record DeviceRow(UUID id, String kind, String serial, String manufacturer, String model, String location,
        String state, String health, Instant notAfter) {

    static DeviceRow of(Device device, String health) {
        return new DeviceRow(device.id, device.kind.label(), device.serial, device.manufacturer, device.model,
                device.location, device.state.label(), health,
                device.currentCertificate == null ? null : device.currentCertificate.notAfter);
    }
}
