package org.pumppki.server.api;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pumppki.server.testing.Https;
import org.pumppki.server.testing.PostgresTestResource;

/**
 * A page on another web site cannot make a signed-in browser change anything: state-changing
 * calls that a form could send, or that name a foreign Origin, are refused before they are read,
 * and a browser page is never sent the Basic challenge that would make it remember credentials.
 */
@QuarkusTest
class CrossSiteRequestTest {

    private static final String NO_DEVICE = "/api/v1/devices/00000000-0000-4000-8000-00000000dead";
    private static final String NO_CERTIFICATE = "/api/v1/certificates/dead00000000beef";
    private static final String NO_CA = "/api/v1/cas/999999";

    /** Signed in as the administrator, like a browser that remembers Basic credentials, without X-Requested-By. */
    private static RequestSpecification browser() {
        return Https.given().auth().preemptive().basic("admin", PostgresTestResource.ADMIN_PASSWORD);
    }

    private static String ownOrigin() {
        return "https://localhost:" + Https.port();
    }

    static Stream<Arguments> formsAnotherSiteCanSend() {
        return Stream.of(
                Arguments.of("POST", NO_DEVICE + "/quarantine", null, null),
                Arguments.of("POST", NO_DEVICE + "/release", null, null),
                Arguments.of("POST", NO_DEVICE + "/decommission", null, null),
                Arguments.of("POST", NO_DEVICE + "/approve", null, null),
                Arguments.of("POST", NO_DEVICE + "/enrollment-codes", null, null),
                Arguments.of("POST", NO_CERTIFICATE + "/hold", null, null),
                Arguments.of("POST", NO_CA + "/default", null, null),
                Arguments.of("DELETE", "/api/v1/users/nobody-here", null, null),
                Arguments.of("POST", "/api/v1/users", "application/x-www-form-urlencoded", "username=x&password=y"),
                Arguments.of("POST", "/api/v1/devices/import", "text/plain", "kind,serial\npump,X1\n"),
                Arguments.of("POST", NO_CERTIFICATE + "/revoke", "text/plain; charset=utf-8", "{\"reason\":\"keyCompromise\"}"),
                Arguments.of("POST", "/api/v1/devices", "multipart/form-data", "pump"));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("formsAnotherSiteCanSend")
    void stateChangingCallsAFormCouldSendAreRefused(String method, String path, String contentType, String body) {
        RequestSpecification request = browser();
        request = withBody(request, contentType, body);
        request.request(method, path).then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("urn:pumppki:problem:cross-site-request"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("formsAnotherSiteCanSend")
    void theSameCallsGoThroughWithTheHeader(String method, String path, String contentType, String body) {
        RequestSpecification request = browser().header("X-Requested-By", "script");
        request = withBody(request, contentType, body);
        request.request(method, path).then().statusCode(org.hamcrest.Matchers.not(403));
    }

    private static RequestSpecification withBody(RequestSpecification request, String contentType, String body) {
        if (contentType == null) {
            return request;
        }
        if (contentType.startsWith("multipart/")) {
            return request.multiPart("kind", body);
        }
        return request.contentType(contentType).body(body);
    }

    @Test
    void jsonAndOtherTypesAFormCannotSendNeedNoHeader() {
        browser().contentType("application/json").body("{\"reason\": \"superseded\"}")
                .post(NO_CERTIFICATE + "/revoke").then().statusCode(404);
        browser().contentType("text/csv").body("nonsense\n").post("/api/v1/devices/import").then().statusCode(400);
    }

    @ParameterizedTest
    @MethodSource("foreignOrigins")
    void aForeignOriginIsRefusedEvenWithJsonAndTheHeader(String origin) {
        browser().header("Origin", origin).header("X-Requested-By", "script").contentType("application/json")
                .body("{\"reason\": \"superseded\"}").post(NO_CERTIFICATE + "/revoke")
                .then().statusCode(403).body("type", equalTo("urn:pumppki:problem:cross-site-request"));
    }

    static Stream<String> foreignOrigins() {
        return Stream.of("https://evil.example", "null", "http://localhost:" + Https.port(), "https://localhost:1",
                "https://localhost.evil.example:" + Https.port());
    }

    @Test
    void pumpPkisOwnOriginIsAccepted() {
        browser().header("Origin", ownOrigin()).contentType("application/json").body("{\"reason\": \"superseded\"}")
                .post(NO_CERTIFICATE + "/revoke").then().statusCode(404);
    }

    @Test
    void readingNeedsNoHeader() {
        browser().get("/api/v1/me").then().statusCode(200);
    }

    @Test
    void scriptsAreChallengedButBrowserPagesAreNot() {
        Https.given().get("/api/v1/me").then().statusCode(401).header("WWW-Authenticate", startsWith("Basic"));
        Https.given().header("Sec-Fetch-Mode", "cors").header("Sec-Fetch-Dest", "empty").get("/api/v1/me")
                .then().statusCode(401).contentType("application/problem+json").header("WWW-Authenticate", nullValue());
        Https.given().header("Origin", "https://evil.example").get("/api/v1/me")
                .then().statusCode(401).header("WWW-Authenticate", nullValue());
        Https.given().header("Sec-Fetch-Mode", "navigate").auth().preemptive().basic("admin", "not the password")
                .get("/api/v1/me").then().statusCode(401).header("WWW-Authenticate", nullValue());
        Https.given().auth().preemptive().basic("admin", "not the password").get("/api/v1/me")
                .then().statusCode(401).header("WWW-Authenticate", startsWith("Basic"));
    }
}
