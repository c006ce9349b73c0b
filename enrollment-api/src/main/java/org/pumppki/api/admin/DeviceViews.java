package org.pumppki.api.admin;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.pumppki.ca.config.PkiConfig;
import org.pumppki.ca.domain.CertificateHealth;
import org.pumppki.ca.service.device.CredentialHealth;
import org.pumppki.ca.store.Certificate;
import org.pumppki.ca.store.Device;

/** Renders devices for the API, with the health of their newest certificate as of now. */
@ApplicationScoped
public class DeviceViews {

    private final Clock clock;
    private final Duration warningWindow;

    DeviceViews(Clock clock, PkiConfig config) {
        this.clock = clock;
        this.warningWindow = config.renewal().expiringWithin();
    }

    public DeviceView of(Device device) {
        Certificate current = device.currentCertificate;
        return new DeviceView(device.id, device.kind.label(), device.serial, device.manufacturer, device.model,
                device.udi, device.macAddress, device.firmware, device.location, device.state.label(),
                List.copyOf(device.hostnames), health(device).label(),
                current == null ? null : current.serialNumber, current == null ? null : current.notAfter,
                device.createdAt, device.updatedAt);
    }

    public CertificateHealth health(Device device) {
        return CredentialHealth.of(device.currentCertificate, clock.instant(), warningWindow);
    }
}
