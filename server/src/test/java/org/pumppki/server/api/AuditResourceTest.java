package org.pumppki.server.api;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.pumppki.server.testing.Api.as;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import org.pumppki.ca.security.Role;
import org.pumppki.server.testing.Fixtures;

@QuarkusTest
class AuditResourceTest {

    @Inject
    EntityManager entityManager;

    @Test
    void theChainIsIntactAfterNormalUse() {
        as(Role.BIOMED).contentType(ContentType.JSON).body(Fixtures.pumpJson(Fixtures.serial("CHAIN")))
                .post("/api/v1/devices").then().statusCode(201);
        as(Role.AUDITOR).get("/api/v1/audit/verify")
                .then().statusCode(200).body("intact", equalTo(true)).body("firstBrokenEventId", nullValue());
    }

    @Test
    void alteringOneStoredEventIsReportedAtThatEvent() {
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
                    .body("reason", org.hamcrest.Matchers.containsString("altered"));
        } finally {
            assertEquals("someone-else", tamper(eventId, originalActor));
        }
        as(Role.AUDITOR).get("/api/v1/audit/verify").then().body("intact", equalTo(true));
    }

    @Test
    void theApplicationCannotRewriteHistory() {
        org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> QuarkusTransaction.requiringNew().run(() ->
                entityManager.createNativeQuery("DELETE FROM audit_event").executeUpdate()));
    }

    @Test
    void theApplicationCannotTruncateTheLog() {
        Exception refused = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> QuarkusTransaction.requiringNew()
                .run(() -> entityManager.createNativeQuery("TRUNCATE audit_event").executeUpdate()));

        org.hamcrest.MatcherAssert.assertThat(rootMessage(refused), org.hamcrest.Matchers.containsString("append-only"));
        as(Role.AUDITOR).get("/api/v1/audit").then().body("total", org.hamcrest.Matchers.greaterThan(0));
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return String.valueOf(cause.getMessage());
    }

    @Test
    void onlyAuditorsAndAdminsReadTheLog() {
        as(Role.BIOMED).get("/api/v1/audit").then().statusCode(403).contentType("application/problem+json");
        as(Role.ADMIN).get("/api/v1/audit").then().statusCode(200);
    }

    /** Does what an attacker with the table owner's rights could do; returns the previous actor. */
    private String tamper(long eventId, String actor) {
        return QuarkusTransaction.requiringNew().call(() -> {
            String previous = (String) entityManager.createNativeQuery("SELECT actor FROM audit_event WHERE id = ?1")
                    .setParameter(1, eventId).getSingleResult();
            entityManager.createNativeQuery("ALTER TABLE audit_event DISABLE TRIGGER tr_audit_event_append_only").executeUpdate();
            entityManager.createNativeQuery("UPDATE audit_event SET actor = ?1 WHERE id = ?2")
                    .setParameter(1, actor).setParameter(2, eventId).executeUpdate();
            entityManager.createNativeQuery("ALTER TABLE audit_event ENABLE TRIGGER tr_audit_event_append_only").executeUpdate();
            return previous;
        });
    }
}
