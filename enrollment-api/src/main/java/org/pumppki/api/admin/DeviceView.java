package org.pumppki.api.admin;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A device as the API shows it, with the health of its newest certificate. */
@Schema(name = "Device")
public record DeviceView(
        UUID id,
        @Schema(enumeration = {"pump", "pump-server", "radius-server"}, example = "pump") String kind,
        @Schema(example = "PCU-8015-00417") String serial,
        @Schema(example = "Acme Infusion") String manufacturer,
        @Schema(example = "Alaris 8015") String model,
        @Schema(example = "(01)00885403801586(21)00417") String udi,
        @Schema(example = "00:1a:2b:3c:4d:5e") String macAddress,
        @Schema(example = "12.1.3") String firmware,
        @Schema(example = "ICU-3 West") String location,
        @Schema(enumeration = {"in-service", "quarantined", "lost", "decommissioned"}) String state,
        @Schema(description = "DNS names and IP addresses of a pump server or RADIUS server") List<String> hostnames,
        @Schema(enumeration = {"valid", "expiring", "expired", "on-hold", "revoked", "none"},
                description = "Health of the device's newest certificate") String certificateStatus,
        @Schema(description = "Serial number (hex) of the device's newest certificate") String certificateSerial,
        Instant certificateNotAfter,
        Instant createdAt,
        Instant updatedAt) {
}
