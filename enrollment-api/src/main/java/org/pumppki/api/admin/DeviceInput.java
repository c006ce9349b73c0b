package org.pumppki.api.admin;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.pumppki.ca.service.device.DeviceDetails;

/**
 * A device to register, or the fields to change (absent fields stay as they are). Kind, serial and
 * manufacturer cannot change once registered.
 */
@Schema(name = "DeviceInput")
public record DeviceInput(
        @Schema(enumeration = {"pump", "pump-server", "radius-server"}, example = "pump") String kind,
        @Schema(example = "PCU-8015-00417") String serial,
        @Schema(example = "Acme Infusion") String manufacturer,
        @Schema(example = "Alaris 8015") String model,
        @Schema(example = "(01)00885403801586(21)00417") String udi,
        @Schema(example = "00:1A:2B:3C:4D:5E") String macAddress,
        @Schema(example = "12.1.3") String firmware,
        @Schema(example = "ICU-3 West") String location,
        @Schema(enumeration = {"in-service", "quarantined"}, description = "Initial state; default in-service") String state,
        @Schema(description = "For pump servers and RADIUS servers: DNS names and IP addresses allowed in their certificates",
                example = "[\"pumps.hospital.example\", \"10.20.0.15\"]") List<String> hostnames) {

    DeviceDetails details() {
        return new DeviceDetails(kind, serial, manufacturer, model, udi, macAddress, firmware, location, state, hostnames);
    }
}
