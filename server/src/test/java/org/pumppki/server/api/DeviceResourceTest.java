package org.pumppki.server.api;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.pumppki.server.testing.Api.as;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pumppki.ca.security.Role;
import org.pumppki.server.testing.Devices;
import org.pumppki.server.testing.Fixtures;

@QuarkusTest
class DeviceResourceTest {

    @Test
    void registersAPumpAndNormalisesItsFields() {
        String serial = Fixtures.serial("PCU");
        String id = as(Role.BIOMED).contentType(ContentType.JSON).body(Fixtures.pumpJson(serial))
                .when().post("/api/v1/devices")
                .then().statusCode(201)
                .header("Location", containsString("/api/v1/devices/"))
                .body("serial", equalTo(serial))
                .body("kind", equalTo("pump"))
                .body("macAddress", equalTo("00:1a:2b:3c:4d:5e"))
                .body("state", equalTo("in-service"))
                .body("certificateStatus", equalTo("none"))
                .extract().path("id");

        as(Role.AUDITOR).get("/api/v1/devices/" + id)
                .then().statusCode(200).body("serial", equalTo(serial)).body("location", equalTo("ICU-3 West"));
    }

    @Test
    void duplicateSerialOfTheSameManufacturerIsAConflict() {
        String serial = Fixtures.serial("DUP");
        as(Role.BIOMED).contentType(ContentType.JSON).body(Fixtures.pumpJson(serial)).post("/api/v1/devices")
                .then().statusCode(201);
        as(Role.BIOMED).contentType(ContentType.JSON).body(Fixtures.pumpJson(serial)).post("/api/v1/devices")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:pumppki:problem:duplicate-device"));
        as(Role.AUDITOR).queryParam("q", serial).get("/api/v1/devices").then().body("total", equalTo(1));
    }

    @Test
    void invalidFieldsAreAllReportedAndNothingIsRegistered() {
        String serial = Fixtures.serial("BAD");
        as(Role.BIOMED).contentType(ContentType.JSON)
                .body("""
                        {"kind": "toaster", "serial": "%s", "model": "X", "macAddress": "not-a-mac",
                         "hostnames": ["pumps.example"]}
                        """.formatted(serial))
                .post("/api/v1/devices")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:pumppki:problem:invalid-device"))
                .body("violations.field", equalTo(List.of("kind", "macAddress", "manufacturer")));
        as(Role.AUDITOR).queryParam("q", serial).get("/api/v1/devices").then().body("total", equalTo(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{not json", "[]", "{\"kind\": 5, \"serial\": {}}"})
    void malformedJsonIsABadRequest(String body) {
        as(Role.BIOMED).contentType(ContentType.JSON).body(body).post("/api/v1/devices")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void pumpsHaveNoHostnamesButServersDo() {
        as(Role.BIOMED).contentType(ContentType.JSON)
                .body("""
                        {"kind": "pump", "serial": "%s", "manufacturer": "Acme", "model": "P1", "hostnames": ["a.example"]}
                        """.formatted(Fixtures.serial("P")))
                .post("/api/v1/devices").then().statusCode(400).body("violations[0].field", equalTo("hostnames"));
        as(Role.ADMIN).contentType(ContentType.JSON)
                .body("""
                        {"kind": "pump-server", "serial": "%s", "manufacturer": "Acme", "model": "Gateway",
                         "hostnames": ["Pumps.Hospital.Example", "10.20.0.15", "10.20.0.15"]}
                        """.formatted(Fixtures.serial("S")))
                .post("/api/v1/devices").then().statusCode(201)
                .body("hostnames", equalTo(List.of("pumps.hospital.example", "10.20.0.15")));
    }

    @Test
    void patchChangesDescriptiveFieldsButNotIdentity() {
        String serial = Fixtures.serial("PATCH");
        String id = as(Role.BIOMED).contentType(ContentType.JSON).body(Fixtures.pumpJson(serial))
                .post("/api/v1/devices").then().statusCode(201).extract().path("id");

        as(Role.BIOMED).contentType("application/merge-patch+json").body("{\"location\": \"OR-2\", \"firmware\": \"12.2.0\"}")
                .patch("/api/v1/devices/" + id)
                .then().statusCode(200).body("location", equalTo("OR-2")).body("firmware", equalTo("12.2.0"))
                .body("model", equalTo("Alaris 8015"));
        as(Role.BIOMED).contentType(ContentType.JSON).body("{\"serial\": \"OTHER\", \"state\": \"lost\"}")
                .patch("/api/v1/devices/" + id)
                .then().statusCode(400).body("violations.field", equalTo(List.of("serial", "state")));
        as(Role.AUDITOR).get("/api/v1/devices/" + id).then().body("serial", equalTo(serial)).body("state", equalTo("in-service"));
    }

    @Test
    void unknownDeviceIsNotFound() {
        as(Role.AUDITOR).get("/api/v1/devices/7d0e5b8a-0000-4000-8000-000000000000")
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("urn:pumppki:problem:device-not-found"));
        as(Role.AUDITOR).get("/api/v1/devices/not-a-uuid").then().statusCode(404);
    }

    @Test
    void listFiltersPagesAndSorts() {
        String location = "Ward-" + Fixtures.serial("L");
        for (int i = 0; i < 3; i++) {
            as(Role.BIOMED).contentType(ContentType.JSON)
                    .body("""
                            {"kind": "pump", "serial": "%s", "manufacturer": "Acme", "model": "M%d", "location": "%s"}
                            """.formatted(Fixtures.serial("LIST" + i), i, location))
                    .post("/api/v1/devices").then().statusCode(201);
        }
        as(Role.AUDITOR).queryParam("location", location).queryParam("sort", "-model").queryParam("size", 2)
                .get("/api/v1/devices")
                .then().statusCode(200)
                .body("total", equalTo(3)).body("page", equalTo(0)).body("size", equalTo(2))
                .body("items", hasSize(2))
                .body("items.model", equalTo(List.of("M2", "M1")));
        as(Role.AUDITOR).queryParam("location", location).queryParam("certificateStatus", "none").queryParam("kind", "pump")
                .get("/api/v1/devices").then().body("total", equalTo(3));
        as(Role.AUDITOR).queryParam("location", location).queryParam("certificateStatus", "valid")
                .get("/api/v1/devices").then().body("total", equalTo(0));
    }

    @Test
    void certificateStatusNoneListsOnlyDevicesWithoutACertificate() {
        String enrolled = Fixtures.serial("NONE");
        String spare = enrolled + "-SPARE";
        Devices.enroll(Devices.registerPump(enrolled), Devices.csr(Devices.newKey(), "CN=" + enrolled));
        Devices.registerPump(spare);

        as(Role.AUDITOR).queryParam("q", enrolled).get("/api/v1/devices").then().body("total", equalTo(2));
        as(Role.AUDITOR).queryParam("q", enrolled).queryParam("certificateStatus", "none").get("/api/v1/devices")
                .then().statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].serial", equalTo(spare));
    }

    @ParameterizedTest
    @ValueSource(strings = {"kind=toaster", "state=broken", "certificateStatus=maybe", "sort=color", "size=0",
            "size=501", "page=-1", "format=xml"})
    void invalidListParametersAreBadRequests(String parameter) {
        String[] pair = parameter.split("=");
        as(Role.AUDITOR).queryParam(pair[0], pair[1]).get("/api/v1/devices")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:pumppki:problem:invalid-parameter"));
    }

    @Test
    void exportsTheFilteredInventoryAsCsvWithFormulasNeutralised() {
        String location = "=HYPERLINK(\"x\")" + Fixtures.serial("CSV");
        String serial = Fixtures.serial("EXP");
        as(Role.BIOMED).contentType(ContentType.JSON)
                .body("""
                        {"kind": "pump", "serial": "%s", "manufacturer": "Acme", "model": "M", "location": "%s"}
                        """.formatted(serial, location.replace("\"", "\\\"")))
                .post("/api/v1/devices").then().statusCode(201);

        String csv = as(Role.AUDITOR).queryParam("format", "csv").queryParam("q", serial).get("/api/v1/devices")
                .then().statusCode(200).contentType(startsWith("text/csv")).extract().asString();
        List<String> lines = csv.lines().toList();
        org.junit.jupiter.api.Assertions.assertEquals(2, lines.size(), csv);
        org.junit.jupiter.api.Assertions.assertTrue(lines.get(0).startsWith("kind,serial,manufacturer,model"));
        org.junit.jupiter.api.Assertions.assertTrue(lines.get(1).contains(serial));
        org.junit.jupiter.api.Assertions.assertTrue(lines.get(1).contains("\"'=HYPERLINK"), lines.get(1));
    }

    @Test
    void csvImportReportsEachRowInPartialMode() {
        String good = Fixtures.serial("IMP");
        String bad = Fixtures.serial("IMPBAD");
        String csv = "kind,serial,manufacturer,model,macAddress,location\n"
                + "pump," + good + ",Acme,M1,00:11:22:33:44:55,Ward 1\n"
                + "pump," + bad + ",Acme,M1,zz,Ward 1\n"
                + "pump," + good + ",Acme,M1,,Ward 1\n";
        as(Role.BIOMED).contentType("text/csv").body(csv).post("/api/v1/devices/import")
                .then().statusCode(200)
                .body("rows", equalTo(3))
                .body("acceptedIds", hasSize(1))
                .body("committed", equalTo(true))
                .body("rejected.line", equalTo(List.of(3, 4)))
                .body("rejected[0].reason", startsWith("macAddress"))
                .body("rejected[1].reason", containsString("more than once"));
        as(Role.AUDITOR).queryParam("q", good).get("/api/v1/devices").then().body("total", equalTo(1));
    }

    @Test
    void csvImportInAllOrNothingModeImportsNothingWhenARowIsBad() {
        String good = Fixtures.serial("AON");
        String csv = "kind,serial,manufacturer,model\n"
                + "pump," + good + ",Acme,M1\n"
                + "blender,X1,Acme,M1\n";
        as(Role.BIOMED).contentType("text/csv").body(csv).queryParam("mode", "all-or-nothing")
                .post("/api/v1/devices/import")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:pumppki:problem:import-rejected"))
                .body("violations.field", hasItem("line 3"));
        as(Role.AUDITOR).queryParam("q", good).get("/api/v1/devices").then().body("total", equalTo(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "serial,model\nX,Y\n", "kind,serial,manufacturer,model,colour\npump,A,B,C,red\n",
            "kind,serial,manufacturer,model\n\"pump,A\n"})
    void unreadableCsvIsRefusedWhole(String csv) {
        as(Role.BIOMED).contentType("text/csv").body(csv).post("/api/v1/devices/import")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:pumppki:problem:malformed-csv"));
    }

    @Test
    void registrationIsAudited() {
        String serial = Fixtures.serial("AUD");
        String id = as(Role.BIOMED).contentType(ContentType.JSON).body(Fixtures.pumpJson(serial))
                .post("/api/v1/devices").then().statusCode(201).extract().path("id");
        as(Role.AUDITOR).queryParam("targetId", id).get("/api/v1/audit")
                .then().statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].action", equalTo("device.registered"))
                .body("items[0].actor", equalTo("test-biomed"))
                .body("items[0].actorRoles", equalTo("biomed"))
                .body("items[0].sourceAddress", endsWith("127.0.0.1"))
                .body("items[0].details", containsString(serial))
                .body("items[0].outcome", equalTo("success"))
                .body("items[0].hash", org.hamcrest.Matchers.matchesPattern("[0-9a-f]{64}"));
        as(Role.AUDITOR).queryParam("targetId", "nothing-" + serial).get("/api/v1/audit")
                .then().body("items", hasSize(0)).body("items[0]", nullValue());
    }
}
