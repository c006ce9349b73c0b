package org.pumppki.server.api;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pumppki.server.testing.Api.as;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.pumppki.ca.security.Role;
import org.pumppki.server.testing.Devices;
import org.pumppki.server.testing.Fixtures;

@QuarkusTest
class EnrollmentCodeTest {

    @Inject
    EntityManager entityManager;

    @Test
    void aCodeIsShownOnceExpiresAndIsStoredOnlyAsAHash() {
        String deviceId = Devices.registerPump(Fixtures.serial("CODE"));
        var answer = as(Role.BIOMED).post("/api/v1/devices/" + deviceId + "/enrollment-codes")
                .then().statusCode(201)
                .body("code", matchesPattern("([A-Z2-9]{5}-){5}[A-Z2-9]"))
                .extract().jsonPath();
        String code = answer.getString("code");
        Duration lifetime = Duration.between(Instant.now(), Instant.parse(answer.getString("expiresAt")));
        assertTrue(lifetime.compareTo(Duration.ofHours(71)) > 0 && lifetime.compareTo(Duration.ofHours(73)) < 0, lifetime.toString());

        List<?> stored = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                        "SELECT code_hash FROM enrollment_code WHERE device_id = ?1")
                .setParameter(1, UUID.fromString(deviceId)).getResultList());
        assertEquals(1, stored.size());
        String hash = (String) stored.get(0);
        assertTrue(hash.matches("[0-9a-f]{64}"));
        assertTrue(!hash.contains(code) && !hash.contains(code.replace("-", "")));

        as(Role.AUDITOR).queryParam("targetId", deviceId).queryParam("action", "enrollment-code.created")
                .get("/api/v1/audit").then().body("total", equalTo(1))
                .body("items[0].details", org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(code)));
    }

    @Test
    void onlyDevicesInServiceGetCodes() {
        String deviceId = Devices.registerPump(Fixtures.serial("NOCODE"));
        as(Role.BIOMED).post("/api/v1/devices/" + deviceId + "/decommission").then().statusCode(200);
        as(Role.BIOMED).post("/api/v1/devices/" + deviceId + "/enrollment-codes")
                .then().statusCode(409).body("type", equalTo("urn:pumppki:problem:device-not-in-service"));
    }
}
