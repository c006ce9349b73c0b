package org.pumppki.server.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pumppki.server.testing.Api.as;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pumppki.ca.security.Role;
import org.pumppki.server.testing.Devices;
import org.pumppki.server.testing.Fixtures;

/** The inventory scan: a pump in service without a certificate is flagged until it is enrolled. */
@QuarkusTest
class InventoryScanTest {

    @Test
    void aPumpInServiceWithoutACertificateIsFlaggedUntilItIsEnrolled() {
        String serial = Fixtures.serial("NOCERT");
        String deviceId = Devices.registerPump(serial);
        JsonPath run = SchedulerJobs.run("inventory-scan");
        assertTrue(run.getLong("examined") >= 1, run.prettify());

        List<Map<String, Object>> flags = flagsOf(deviceId, "open");
        assertEquals(1, flags.size());
        assertEquals("critical", flags.get(0).get("severity"));
        assertTrue(((String) flags.get(0).get("summary")).contains(serial));

        Devices.enroll(deviceId, Devices.csr(Devices.newKey(), "CN=" + serial));
        SchedulerJobs.run("inventory-scan");
        assertEquals(List.of(), flagsOf(deviceId, "open"));
        assertEquals(1, flagsOf(deviceId, "resolved").size());
    }

    private static List<Map<String, Object>> flagsOf(String deviceId, String state) {
        return as(Role.AUDITOR).queryParam("kind", "no-valid-certificate").queryParam("deviceId", deviceId)
                .queryParam("state", state).get("/api/v1/flags").then().statusCode(200).extract().jsonPath().getList("items");
    }
}
