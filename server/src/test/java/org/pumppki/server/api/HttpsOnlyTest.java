package org.pumppki.server.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.pumppki.server.testing.Api.as;

import io.quarkus.test.junit.QuarkusTest;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pumppki.ca.security.Role;
import org.pumppki.server.testing.Api;
import org.pumppki.server.testing.Fixtures;
import org.pumppki.server.testing.PostgresTestResource;

/**
 * The admin API answers on HTTPS only: on plain HTTP every endpoint is refused before credentials
 * are read, with a problem that names the HTTPS URL, while OCSP, CRLs, CA certificates and health
 * stay on plain HTTP.
 */
@QuarkusTest
class HttpsOnlyTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.pumppki.server.api.RoleMatrixTest#endpoints")
    void everyApiEndpointRefusesPlainHttp(RoleMatrixTest.Call call, java.util.Set<Role> rolesOverHttps) {
        call.send(given().auth().preemptive().basic("admin", PostgresTestResource.ADMIN_PASSWORD)).then()
                .statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("urn:pumppki:problem:https-required"))
                .body("detail", containsString("https://"));
    }

    @Test
    void credentialsSentOverPlainHttpAreNeverChecked() {
        String username = "plain-http-" + Fixtures.serial("u").toLowerCase();
        as(Role.ADMIN).contentType("application/json")
                .body("{\"username\": \"%s\", \"password\": \"the right password\", \"roles\": [\"auditor\"]}".formatted(username))
                .post("/api/v1/users").then().statusCode(201);

        // Far more wrong passwords than the per-account limit: none is counted, none is audited.
        for (int i = 0; i < 12; i++) {
            given().auth().preemptive().basic(username, "wrong password " + i).get("/api/v1/me").then().statusCode(403);
        }

        Api.anonymous().auth().preemptive().basic(username, "the right password").get("/api/v1/me")
                .then().statusCode(200).body("username", equalTo(username));
        as(Role.AUDITOR).get("/api/v1/audit?action=sign-in.failed&targetId=" + username).then().body("total", equalTo(0));
    }

    @Test
    void publicEndpointsStayOnPlainHttp() {
        for (String path : new String[] {"/ca/root.crt", "/ca/issuing.crt", "/crl/issuing.crl", "/q/health/ready"}) {
            given().get(path).then().statusCode(200);
        }
    }

    @Test
    void theSameRequestWorksOverHttps() {
        for (Role role : EnumSet.allOf(Role.class)) {
            as(role).get("/api/v1/me").then().statusCode(200);
        }
    }
}
