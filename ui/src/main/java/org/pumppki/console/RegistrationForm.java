package org.pumppki.console;

import java.util.Arrays;
import java.util.List;
import org.jboss.resteasy.reactive.RestForm;
import org.pumppki.ca.service.device.DeviceDetails;

/** The register-a-device form, kept to show again with what was typed when it is refused. */
public class RegistrationForm {

    @RestForm
    public String kind = "pump";
    @RestForm
    public String serial;
    @RestForm
    public String manufacturer;
    @RestForm
    public String model;
    @RestForm
    public String udi;
    @RestForm
    public String macAddress;
    @RestForm
    public String firmware;
    @RestForm
    public String location;
    /** Pump servers and RADIUS servers: host names and addresses, separated by spaces, commas or lines. */
    @RestForm
    public String hostnames;

    DeviceDetails details() {
        List<String> names = hostnames == null || hostnames.isBlank() ? null
                : Arrays.stream(hostnames.trim().split("[\\s,;]+")).toList();
        return new DeviceDetails(kind, serial, blankAsNull(manufacturer), model, blankAsNull(udi), blankAsNull(macAddress),
                blankAsNull(firmware), blankAsNull(location), null, names);
    }

    public String getKind() {
        return kind;
    }

    public List<String> getKinds() {
        return List.of("pump", "pump-server", "radius-server");
    }

    private static String blankAsNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
