package org.pumppki.server.api;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.pumppki.server.testing.Api.as;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.pumppki.ca.security.Role;
import org.pumppki.server.testing.AuditTampering;
import org.pumppki.server.testing.Devices;
import org.pumppki.server.testing.Fixtures;
import org.pumppki.server.testing.SchemaOwner;

@QuarkusTest
class AuditResourceTest {

    @Test
    void theChainIsIntactAfterNormalUse() {
        as(Role.BIOMED).contentType(ContentType.JSON).body(Fixtures.pumpJson(Fixtures.serial("CHAIN")))
                .post("/api/v1/devices").then().statusCode(201);
        as(Role.AUDITOR).get("/api/v1/audit/verify")
                .then().statusCode(200).body("intact", equalTo(true)).body("firstBrokenEventId", nullValue());
    }

    @Test
    void alteringOneStoredEventIsReportedAtThatEvent() throws SQLException {
        long eventId = registerPump("TAMPER");
        assertIntact();
        try (AuditTampering tampering = AuditTampering.begin()) {
            tampering.setActor(eventId, "someone-else");
            assertBrokenAt(eventId, "altered");
        }
        assertIntact();
    }

    @Test
    void removingAnEventInTheMiddleIsReportedAtTheEventAfterIt() throws SQLException {
        long removed = registerPump("GAP");
        registerPump("GAP-AFTER");
        assertIntact();
        try (AuditTampering tampering = AuditTampering.begin()) {
            long next = tampering.nextEventId(removed);
            tampering.remove(removed);
            assertBrokenAt(next, "removed or reordered");
        }
        assertIntact();
    }

    @Test
    void reorderingTwoEventsIsReportedAtTheFirstPosition() throws SQLException {
        long first = registerPump("ORDER");
        registerPump("ORDER-AFTER");
        assertIntact();
        try (AuditTampering tampering = AuditTampering.begin()) {
            tampering.swap(first, tampering.nextEventId(first));
            assertBrokenAt(first, "removed or reordered");
        }
        assertIntact();
    }

    @Test
    void deletingTheNewestEventsIsReportedAgainstTheLastCheckpoint() throws SQLException {
        long firstDeleted = registerPump("TAIL");
        var checkpoint = as(Role.ADMIN).post("/api/v1/audit/checkpoints").then().statusCode(201).extract();
        int checkpointId = checkpoint.path("id");
        int checkpointedEvent = checkpoint.path("eventId");
        as(Role.AUDITOR).get("/api/v1/audit/verify")
                .then().statusCode(200)
                .body("intact", equalTo(true))
                .body("lastCheckpoint.id", equalTo(checkpointId))
                .body("lastCheckpoint.eventId", equalTo(checkpointedEvent))
                .body("lastCheckpoint.reached", equalTo(true));
        try (AuditTampering tampering = AuditTampering.begin()) {
            tampering.removeFrom(firstDeleted);
            as(Role.AUDITOR).get("/api/v1/audit/verify")
                    .then().statusCode(200)
                    .body("intact", equalTo(false))
                    .body("firstBrokenEventId", nullValue())
                    .body("lastCheckpoint.id", equalTo(checkpointId))
                    .body("lastCheckpoint.reached", equalTo(false))
                    .body("lastCheckpoint.reason", containsString("Event " + checkpointedEvent + ","))
                    .body("reason", containsString("newest events were deleted"));
        }
        assertIntact();
    }

    @Test
    void evenTheSchemaOwnerCannotDeleteOrTruncateTheLog() throws SQLException {
        try (Connection owner = SchemaOwner.connect(); Statement statement = owner.createStatement()) {
            SQLException delete = assertThrows(SQLException.class, () -> statement.executeUpdate("DELETE FROM audit_event"));
            assertThat(delete.getMessage(), containsString("append-only"));
            SQLException truncate = assertThrows(SQLException.class, () -> statement.executeUpdate("TRUNCATE audit_event"));
            assertThat(truncate.getMessage(), containsString("append-only"));
        }
        as(Role.AUDITOR).get("/api/v1/audit").then().body("total", greaterThan(0));
    }

    @Test
    void onlyAuditorsAndAdminsReadTheLog() {
        as(Role.BIOMED).get("/api/v1/audit").then().statusCode(403).contentType("application/problem+json");
        as(Role.ADMIN).get("/api/v1/audit").then().statusCode(200);
    }

    /** Registers a pump; returns the id of the audit event that records it. */
    private static long registerPump(String prefix) {
        String id = Devices.registerPump(Fixtures.serial(prefix));
        return ((Number) as(Role.AUDITOR).queryParam("targetId", id).get("/api/v1/audit")
                .then().extract().path("items[0].id")).longValue();
    }

    private static void assertBrokenAt(long eventId, String reason) {
        as(Role.AUDITOR).get("/api/v1/audit/verify")
                .then().statusCode(200)
                .body("intact", equalTo(false))
                .body("firstBrokenEventId", equalTo((int) eventId))
                .body("reason", containsString(reason));
    }

    private static void assertIntact() {
        as(Role.AUDITOR).get("/api/v1/audit/verify").then().statusCode(200).body("intact", equalTo(true));
    }
}
