package org.pumppki.ca.service.certificate;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.pumppki.ca.crypto.MacAddress;
import org.pumppki.ca.crypto.ServerName;
import org.pumppki.ca.crypto.TrustedIdentity;
import org.pumppki.ca.domain.DeviceKind;
import org.pumppki.ca.service.PkiException;
import org.pumppki.ca.store.Device;
import org.pumppki.ca.store.DeviceRepository;

/** What the inventory vouches for about a device, in the form the certificate profiles take. */
@ApplicationScoped
public class DeviceIdentities {

    private final DeviceRepository devices;

    DeviceIdentities(DeviceRepository devices) {
        this.devices = devices;
    }

    /** The device, if it exists and its state allows new certificates. */
    public Device enrollableDevice(UUID deviceId) {
        Device device = devices.findByIdOptional(deviceId)
                .orElseThrow(() -> PkiException.notFound("device-not-found", "No device with id " + deviceId + "."));
        if (!device.state.acceptsEnrollment()) {
            throw PkiException.conflict("device-not-in-service", "The device is " + device.state.label()
                    + "; only devices in service get certificates.");
        }
        return device;
    }

    public TrustedIdentity of(Device device) {
        TrustedIdentity.Builder identity = TrustedIdentity.builder()
                .manufacturer(device.manufacturer)
                .model(device.model);
        if (device.macAddress != null) {
            identity.macAddress(MacAddress.parse(device.macAddress));
        }
        if (device.kind == DeviceKind.PUMP) {
            return identity.deviceSerial(device.serial).build();
        }
        for (String hostname : device.hostnames) {
            ServerName name = registered(hostname);
            name.dnsName().ifPresent(identity::dnsName);
            name.ipAddress().ifPresent(identity::ipAddress);
        }
        return identity.build();
    }

    /** A stored name that today's rules refuse (a wildcard registered before they existed) is a policy refusal. */
    private static ServerName registered(String hostname) {
        try {
            return ServerName.parse(hostname);
        } catch (IllegalArgumentException e) {
            throw PkiException.policy("name-not-allowed", e.getMessage() + "; correct the server's host names first.");
        }
    }
}
