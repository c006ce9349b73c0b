package org.pumppki.server.api;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.EnumSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.pumppki.ca.security.Role;
import org.pumppki.ca.service.Actor;
import org.pumppki.ca.service.account.UserAccounts;
import org.pumppki.server.testing.Api;
import org.pumppki.server.testing.PostgresTestResource;

@QuarkusTest
class MeResourceTest {

    @Inject
    UserAccounts accounts;

    @Test
    void anonymousGetsAProblemAndABasicChallenge() {
        Api.anonymous().when().get("/api/v1/me")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Basic realm=\"PumpPKI\""))
                .body("type", equalTo("urn:pumppki:problem:unauthorized"))
                .body("status", equalTo(401))
                .body("instance", equalTo("/api/v1/me"));
    }

    @Test
    void wrongPasswordIsRefusedLikeAnUnknownUser() {
        Api.anonymous().auth().preemptive().basic("admin", "not-the-password")
                .when().get("/api/v1/me")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .body("detail", equalTo("The user name or password is not valid."));
        Api.anonymous().auth().preemptive().basic("nobody-" + UUID.randomUUID(), "not-the-password")
                .when().get("/api/v1/me")
                .then().statusCode(401)
                .body("detail", equalTo("The user name or password is not valid."));
    }

    @Test
    void bootstrapAdminSeesItsRoles() {
        Api.anonymous().auth().preemptive().basic("admin", PostgresTestResource.ADMIN_PASSWORD)
                .when().get("/api/v1/me")
                .then().statusCode(200)
                .body("username", equalTo("admin"))
                .body("roles", contains("admin"));
    }

    @Test
    void anotherUserSeesOnlyItsOwnRoles() {
        String username = "biomed-" + UUID.randomUUID().toString().substring(0, 8);
        accounts.create(Actor.system("test"), username, "correct horse battery", EnumSet.of(Role.BIOMED, Role.AUDITOR));

        Api.anonymous().auth().preemptive().basic(username.toUpperCase(), "correct horse battery")
                .when().get("/api/v1/me")
                .then().statusCode(200)
                .body("username", equalTo(username))
                .body("roles", contains("auditor", "biomed"));
    }

    @Test
    void repeatedFailuresThrottleTheAccountEvenForTheRightPassword() {
        String username = "locked-" + UUID.randomUUID().toString().substring(0, 8);
        accounts.create(Actor.system("test"), username, "a long enough password", EnumSet.of(Role.AUDITOR));
        for (int i = 0; i < 5; i++) {
            Api.anonymous().auth().preemptive().basic(username, "wrong password " + i)
                    .when().get("/api/v1/me").then().statusCode(401);
        }
        Api.anonymous().auth().preemptive().basic(username, "a long enough password")
                .when().get("/api/v1/me")
                .then().statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", org.hamcrest.Matchers.matchesPattern("[0-9]+"))
                .body("type", equalTo("urn:pumppki:problem:sign-in-throttled"));
    }

    @Test
    void throttledAttemptsAreAuditedInAggregateNotOneEventEach() {
        String username = "hammered-" + UUID.randomUUID().toString().substring(0, 8);
        accounts.create(Actor.system("test"), username, "a long enough password", EnumSet.of(Role.AUDITOR));
        for (int i = 0; i < 5; i++) {
            Api.anonymous().auth().preemptive().basic(username, "wrong password " + i).get("/api/v1/me").then().statusCode(401);
        }
        for (int i = 0; i < 25; i++) {
            Api.anonymous().auth().preemptive().basic(username, "wrong password " + i).get("/api/v1/me").then().statusCode(429);
        }

        Api.as(Role.AUDITOR).queryParam("action", "sign-in.throttled").queryParam("targetId", username).get("/api/v1/audit")
                .then().statusCode(200).body("total", equalTo(1));
        Api.as(Role.AUDITOR).queryParam("action", "sign-in.failed").queryParam("targetId", username).get("/api/v1/audit")
                .then().statusCode(200).body("total", equalTo(5));
    }
}
