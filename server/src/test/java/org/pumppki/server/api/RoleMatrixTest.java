package org.pumppki.server.api;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pumppki.server.testing.Api.anonymous;
import static org.pumppki.server.testing.Api.as;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pumppki.ca.security.Role;

/**
 * Every endpoint of the admin API against every kind of caller. Requests name things that do not
 * exist or carry invalid bodies, so that a caller who is let through gets a 4xx from the use case
 * (never 401 or 403) and nothing changes.
 */
@QuarkusTest
class RoleMatrixTest {

    private static final String NO_DEVICE = "/api/v1/devices/00000000-0000-4000-8000-00000000dead";
    private static final String NO_CERTIFICATE = "/api/v1/certificates/dead00000000beef";
    private static final String NO_CA = "/api/v1/cas/999999";
    private static final String NO_FLAG = "/api/v1/flags/999999999";
    private static final Set<Role> EVERYONE = EnumSet.allOf(Role.class);
    private static final Set<Role> DEVICE_MANAGERS = EnumSet.of(Role.ADMIN, Role.BIOMED);
    private static final Set<Role> ADMINS = EnumSet.of(Role.ADMIN);
    private static final Set<Role> AUDIT_READERS = EnumSet.of(Role.ADMIN, Role.AUDITOR);
    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    record Call(String method, String path, String contentType, String body) {
        Response send(RequestSpecification request) {
            if (contentType != null) {
                request = request.contentType(contentType).body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            return request.request(method, path);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static Stream<Arguments> endpoints() {
        String json = "application/json";
        return Stream.of(
                row(new Call("GET", "/api/v1/me", null, null), EVERYONE),
                row(new Call("POST", "/api/v1/me/password", json, "{}"), EVERYONE),
                row(new Call("POST", "/api/v1/devices", json, "{}"), DEVICE_MANAGERS),
                row(new Call("GET", "/api/v1/devices?kind=toaster", null, null), EVERYONE),
                row(new Call("GET", NO_DEVICE, null, null), EVERYONE),
                row(new Call("PATCH", NO_DEVICE, json, "{}"), DEVICE_MANAGERS),
                row(new Call("POST", "/api/v1/devices/import", "text/csv", "nonsense\n"), DEVICE_MANAGERS),
                row(new Call("POST", NO_DEVICE + "/certificates", json, "{}"), DEVICE_MANAGERS),
                row(new Call("GET", NO_DEVICE + "/certificates?page=x", null, null), EVERYONE),
                row(new Call("POST", NO_DEVICE + "/enrollment-codes", null, null), DEVICE_MANAGERS),
                row(new Call("POST", NO_DEVICE + "/quarantine", null, null), DEVICE_MANAGERS),
                row(new Call("POST", NO_DEVICE + "/release", null, null), DEVICE_MANAGERS),
                row(new Call("POST", NO_DEVICE + "/approve", null, null), DEVICE_MANAGERS),
                row(new Call("POST", NO_DEVICE + "/decommission", null, null), DEVICE_MANAGERS),
                row(new Call("POST", NO_DEVICE + "/report-lost", null, null), DEVICE_MANAGERS),
                row(new Call("GET", "/api/v1/certificates?status=nope", null, null), EVERYONE),
                row(new Call("GET", NO_CERTIFICATE, null, null), EVERYONE),
                row(new Call("POST", NO_CERTIFICATE + "/revoke", json, "{}"), DEVICE_MANAGERS),
                row(new Call("POST", NO_CERTIFICATE + "/hold", null, null), DEVICE_MANAGERS),
                row(new Call("POST", NO_CERTIFICATE + "/release", null, null), DEVICE_MANAGERS),
                row(new Call("POST", NO_CERTIFICATE + "/renew", json, "{}"), DEVICE_MANAGERS),
                row(new Call("GET", "/api/v1/cas", null, null), EVERYONE),
                row(new Call("GET", NO_CA, null, null), EVERYONE),
                row(new Call("GET", NO_CA + "/chain", null, null), EVERYONE),
                row(new Call("GET", NO_CA + "/csr", null, null), ADMINS),
                row(new Call("POST", "/api/v1/cas", json, "{\"role\": \"nothing\"}"), ADMINS),
                row(new Call("POST", NO_CA + "/certificate", "application/x-pem-file", "x"), ADMINS),
                row(new Call("POST", NO_CA + "/default", null, null), ADMINS),
                row(new Call("POST", NO_CA + "/retire", null, null), ADMINS),
                row(new Call("POST", NO_CA + "/revoke", json, "{}"), ADMINS),
                row(new Call("POST", "/api/v1/users", json, "{}"), ADMINS),
                row(new Call("GET", "/api/v1/users", null, null), ADMINS),
                row(new Call("GET", "/api/v1/users/nobody-here", null, null), ADMINS),
                row(new Call("DELETE", "/api/v1/users/nobody-here", null, null), ADMINS),
                row(new Call("GET", "/api/v1/audit?page=-1", null, null), AUDIT_READERS),
                row(new Call("GET", "/api/v1/audit/verify", null, null), AUDIT_READERS),
                row(new Call("POST", "/api/v1/audit/checkpoints", null, null), ADMINS),
                row(new Call("GET", "/api/v1/audit/checkpoints?size=0", null, null), AUDIT_READERS),
                row(new Call("GET", "/api/v1/audit/checkpoints/999999999", null, null), AUDIT_READERS),
                row(new Call("GET", "/api/v1/flags?kind=nope", null, null), EVERYONE),
                row(new Call("GET", NO_FLAG, null, null), EVERYONE),
                row(new Call("POST", NO_FLAG + "/acknowledge", json, "{}"), DEVICE_MANAGERS),
                row(new Call("GET", "/api/v1/work-list?format=xml", null, null), EVERYONE),
                row(new Call("GET", "/api/v1/scheduler/jobs", null, null), AUDIT_READERS),
                row(new Call("POST", "/api/v1/scheduler/jobs/no-such-job/run", null, null), ADMINS));
    }

    private static Arguments row(Call call, Set<Role> allowed) {
        return Arguments.of(call, allowed);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void onlyTheRightRolesGetThrough(Call call, Set<Role> allowed) {
        call.send(anonymous()).then().statusCode(401).contentType("application/problem+json");
        for (Role role : Role.values()) {
            var response = call.send(as(role)).then();
            if (allowed.contains(role)) {
                response.statusCode(not(oneOf(401, 403, 500)));
            } else {
                response.statusCode(403).contentType("application/problem+json")
                        .body("type", equalTo("urn:pumppki:problem:forbidden"));
            }
        }
    }

    /**
     * The API description lists every operation the server has: one without a row above would
     * escape this test, so it fails here until someone decides who may call it.
     */
    @Test
    void everyOperationOfTheApiDescriptionHasARow() {
        Map<String, Map<String, Object>> paths = as(Role.ADMIN).accept("application/json").queryParam("format", "json")
                .get("/q/openapi").then().statusCode(200).extract().jsonPath().getMap("paths");
        List<Call> rows = endpoints().map(arguments -> (Call) arguments.get()[0]).toList();
        List<String> missing = new ArrayList<>();
        paths.forEach((template, operations) -> {
            if (!template.startsWith("/api/")) {
                return;
            }
            Pattern path = Pattern.compile(template.replaceAll("\\{[^/}]+}", "[^/]+"));
            for (String method : operations.keySet()) {
                if (!HTTP_METHODS.contains(method)) {
                    continue;
                }
                boolean covered = rows.stream().anyMatch(row -> row.method().equalsIgnoreCase(method)
                        && path.matcher(row.path().split("\\?", 2)[0]).matches());
                if (!covered) {
                    missing.add(method.toUpperCase(Locale.ROOT) + " " + template);
                }
            }
        });
        assertTrue(paths.keySet().stream().anyMatch(template -> template.startsWith("/api/v1/devices")),
                "the description lists the API: " + paths.keySet());
        assertEquals(List.of(), missing, "operations without a row in the role matrix");
    }

    static Stream<String> publicEndpoints() {
        return Stream.of("/crl/issuing.crl", "/ca/issuing.crt", "/ca/root.crt", "/q/health/live");
    }

    @ParameterizedTest
    @MethodSource("publicEndpoints")
    void relyingPartiesNeedNoAccount(String path) {
        anonymous().get(path).then().statusCode(200);
    }
}
