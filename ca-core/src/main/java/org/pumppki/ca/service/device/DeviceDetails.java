package org.pumppki.ca.service.device;

import java.util.List;

/**
 * The descriptive data of a device as supplied by a person or a CSV row, before validation. Any
 * field may be null; which ones are required depends on the operation.
 */
public record DeviceDetails(
        String kind,
        String serial,
        String manufacturer,
        String model,
        String udi,
        String macAddress,
        String firmware,
        String location,
        String state,
        List<String> hostnames) {
}
