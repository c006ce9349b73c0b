package org.pumppki.server.api;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pumppki.ca.security.Role;
import org.pumppki.ca.service.Actor;
import org.pumppki.ca.service.account.UserAccounts;
import org.pumppki.ca.service.revocation.OcspLookupRecorder;
import org.pumppki.server.testing.Api;
import org.pumppki.server.testing.EnrolledPump;
import org.pumppki.server.testing.Fixtures;
import org.pumppki.server.testing.OcspProbe;

/**
 * Behind a trusted proxy, sign-in throttling and the audit log see the client the proxy names in
 * X-Forwarded-For, so one guesser does not throttle everyone behind the proxy, and a client cannot
 * escape its count by writing addresses of its own into the header.
 */
@QuarkusTest
@TestProfile(ClientAddressTest.BehindAProxy.class)
class ClientAddressTest {

    public static class BehindAProxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pki.http.trusted-proxies", "127.0.0.1,::1");
        }
    }

    private static final String PASSWORD = "a long enough password";

    @Inject
    UserAccounts accounts;

    @Inject
    OcspLookupRecorder lookups;

    @Inject
    AgroalDataSource dataSource;

    private String user() {
        String username = Fixtures.serial("px").toLowerCase();
        accounts.create(Actor.system("test"), username, PASSWORD, EnumSet.of(Role.AUDITOR));
        return username;
    }

    private static io.restassured.response.ValidatableResponse me(String username, String password, String forwardedFor) {
        return Api.anonymous().header("X-Forwarded-For", forwardedFor).auth().preemptive().basic(username, password)
                .get("/api/v1/me").then();
    }

    @Test
    void theThrottleCountsTheClientTheProxyNamed() {
        String username = user();
        for (int i = 0; i < 5; i++) {
            me(username, "wrong password " + i, "203.0.113.5").statusCode(401);
        }

        me(username, PASSWORD, "203.0.113.5").statusCode(429);
        me(username, PASSWORD, "203.0.113.6").statusCode(200);
        Api.as(Role.AUDITOR).queryParam("action", "sign-in.failed").queryParam("targetId", username).get("/api/v1/audit")
                .then().body("items[0].sourceAddress", equalTo("203.0.113.5"));
    }

    @Test
    void addressesTheClientWroteItselfDoNotCount() {
        String username = user();
        for (int i = 0; i < 5; i++) {
            me(username, "wrong password " + i, "198.51.100." + i + ", 203.0.113.9").statusCode(401);
        }

        me(username, PASSWORD, "192.0.2.77, 203.0.113.9").statusCode(429);
    }

    @Test
    void behindTheProxyTheBrowsersHttpsOriginIsPumpPkisOwn() {
        io.restassured.RestAssured.given().header("X-Forwarded-Proto", "https").header("Host", "pumppki.hospital.example")
                .header("Origin", "https://pumppki.hospital.example").header("X-Forwarded-For", "203.0.113.40")
                .auth().preemptive().basic("admin", org.pumppki.server.testing.PostgresTestResource.ADMIN_PASSWORD)
                .contentType("application/json").body("{\"reason\": \"superseded\"}")
                .post("/api/v1/certificates/dead00000000beef/revoke").then().statusCode(404);
        io.restassured.RestAssured.given().header("X-Forwarded-Proto", "https").header("Host", "pumppki.hospital.example")
                .header("Origin", "https://elsewhere.example").header("X-Forwarded-For", "203.0.113.40")
                .auth().preemptive().basic("admin", org.pumppki.server.testing.PostgresTestResource.ADMIN_PASSWORD)
                .contentType("application/json").body("{\"reason\": \"superseded\"}")
                .post("/api/v1/certificates/dead00000000beef/revoke").then().statusCode(403)
                .body("type", equalTo("urn:pumppki:problem:cross-site-request"));
    }

    @Test
    void ocspLookupsAreRecordedForTheServerTheProxyNamed() throws Exception {
        EnrolledPump pump = EnrolledPump.enroll("PROXIED");
        String ocsp = "http://127.0.0.1:" + RestAssured.port + "/ocsp";
        assertEquals("good", OcspProbe.status(ocsp, pump.issuingCa(), pump.serialNumber(),
                Map.of("X-Forwarded-For", "203.0.113.77")));
        lookups.flush();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT requester FROM ocsp_lookup_requester WHERE serial_number = ?")) {
            query.setString(1, pump.serial());
            try (ResultSet rows = query.executeQuery()) {
                List<String> requesters = new ArrayList<>();
                while (rows.next()) {
                    requesters.add(rows.getString(1));
                }
                assertEquals(List.of("203.0.113.77"), requesters);
            }
        }
    }
}
