package org.pumppki.server.api;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.pumppki.server.testing.Api.as;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pumppki.ca.security.Role;
import org.pumppki.server.testing.Api;
import org.pumppki.server.testing.Fixtures;

@QuarkusTest
class UserResourceTest {

    @Test
    void adminCreatesAUserWhoCanSignInAndIsThenDeleted() {
        String username = Fixtures.serial("nurse").toLowerCase();
        as(Role.ADMIN).contentType(ContentType.JSON)
                .body("{\"username\": \"%s\", \"password\": \"twelve chars ok\", \"roles\": [\"biomed\"]}".formatted(username))
                .post("/api/v1/users")
                .then().statusCode(201)
                .body("username", equalTo(username))
                .body("roles", equalTo(List.of("biomed")))
                .body("$", not(org.hamcrest.Matchers.hasKey("password")))
                .body("$", not(org.hamcrest.Matchers.hasKey("passwordHash")));
        Api.anonymous().auth().preemptive().basic(username, "twelve chars ok").get("/api/v1/me")
                .then().statusCode(200).body("roles", equalTo(List.of("biomed")));
        as(Role.ADMIN).get("/api/v1/users").then().statusCode(200).body("username", hasItem(username));

        as(Role.ADMIN).delete("/api/v1/users/" + username).then().statusCode(204);
        Api.anonymous().auth().preemptive().basic(username, "twelve chars ok").get("/api/v1/me").then().statusCode(401);
        as(Role.ADMIN).queryParam("action", "user.deleted").queryParam("targetId", username).get("/api/v1/audit")
                .then().body("total", equalTo(1));
    }

    @Test
    void weakPasswordsUnknownRolesAndDuplicatesAreRefused() {
        String username = Fixtures.serial("weak").toLowerCase();
        as(Role.ADMIN).contentType(ContentType.JSON)
                .body("{\"username\": \"%s\", \"password\": \"short\", \"roles\": [\"biomed\"]}".formatted(username))
                .post("/api/v1/users").then().statusCode(422).body("type", equalTo("urn:pumppki:problem:weak-password"));
        as(Role.ADMIN).contentType(ContentType.JSON)
                .body("{\"username\": \"%s\", \"password\": \"long enough password\", \"roles\": [\"root\"]}".formatted(username))
                .post("/api/v1/users").then().statusCode(400).body("type", equalTo("urn:pumppki:problem:invalid-role"));
        as(Role.ADMIN).contentType(ContentType.JSON)
                .body("{\"username\": \"admin\", \"password\": \"long enough password\", \"roles\": [\"auditor\"]}")
                .post("/api/v1/users").then().statusCode(409).body("type", equalTo("urn:pumppki:problem:duplicate-username"));
        as(Role.ADMIN).get("/api/v1/users/" + username).then().statusCode(404);
    }

    @Test
    void usersChangeTheirOwnPasswordOnlyWithTheCurrentOne() {
        String username = Fixtures.serial("pw").toLowerCase();
        as(Role.ADMIN).contentType(ContentType.JSON)
                .body("{\"username\": \"%s\", \"password\": \"first password!\", \"roles\": [\"auditor\"]}".formatted(username))
                .post("/api/v1/users").then().statusCode(201);

        Api.anonymous().auth().preemptive().basic(username, "first password!").contentType(ContentType.JSON)
                .body("{\"currentPassword\": \"wrong\", \"newPassword\": \"second password!\"}")
                .post("/api/v1/me/password").then().statusCode(403);
        Api.anonymous().auth().preemptive().basic(username, "first password!").contentType(ContentType.JSON)
                .body("{\"currentPassword\": \"first password!\", \"newPassword\": \"second password!\"}")
                .post("/api/v1/me/password").then().statusCode(204);

        Api.anonymous().auth().preemptive().basic(username, "first password!").get("/api/v1/me").then().statusCode(401);
        Api.anonymous().auth().preemptive().basic(username, "second password!").get("/api/v1/me").then().statusCode(200);
    }

    @Test
    void adminCannotDeleteItself() {
        as(Role.ADMIN).delete("/api/v1/users/test-admin").then().statusCode(409)
                .body("type", equalTo("urn:pumppki:problem:cannot-delete-self"));
    }
}
