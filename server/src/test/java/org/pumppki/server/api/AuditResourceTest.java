package org.pumppki.server.api;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.pumppki.server.testing.Api.as;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.pumppki.ca.security.Role;
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
        String id = as(Role.BIOMED).contentType(ContentType.JSON).body(Fixtures.pumpJson(Fixtures.serial("TAMPER")))
                .post("/api/v1/devices").then().statusCode(201).extract().path("id");
        long eventId = ((Number) as(Role.AUDITOR).queryParam("targetId", id).get("/api/v1/audit")
                .then().extract().path("items[0].id")).longValue();
        String originalActor = tamper(eventId, "someone-else");
        try {
            as(Role.AUDITOR).get("/api/v1/audit/verify")
                    .then().statusCode(200)
                    .body("intact", equalTo(false))
                    .body("firstBrokenEventId", equalTo((int) eventId))
                    .body("reason", containsString("altered"));
        } finally {
            assertEquals("someone-else", tamper(eventId, originalActor));
        }
        as(Role.AUDITOR).get("/api/v1/audit/verify").then().body("intact", equalTo(true));
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

    /** Does what an attacker with the schema owner's rights could do; returns the previous actor. */
    private static String tamper(long eventId, String actor) throws SQLException {
        try (Connection owner = SchemaOwner.connect(); Statement statement = owner.createStatement()) {
            owner.setAutoCommit(false);
            String previous;
            try (ResultSet row = statement.executeQuery("SELECT actor FROM audit_event WHERE id = " + eventId)) {
                row.next();
                previous = row.getString(1);
            }
            statement.execute("ALTER TABLE audit_event DISABLE TRIGGER tr_audit_event_append_only");
            try (PreparedStatement update = owner.prepareStatement("UPDATE audit_event SET actor = ? WHERE id = ?")) {
                update.setString(1, actor);
                update.setLong(2, eventId);
                update.executeUpdate();
            }
            statement.execute("ALTER TABLE audit_event ENABLE TRIGGER tr_audit_event_append_only");
            owner.commit();
            return previous;
        }
    }
}
