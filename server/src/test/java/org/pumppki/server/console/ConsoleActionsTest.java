package org.pumppki.server.console;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.pumppki.ca.security.Role;
import org.pumppki.server.testing.Api;
import org.pumppki.server.testing.Console;
import org.pumppki.server.testing.Devices;

/** What the console's forms do, checked against the API's view of the same facts. */
@QuarkusTest
class ConsoleActionsTest {

    @Test
    void anInvalidRegistrationShowsTheFormAgainAndRegistersNothing() {
        String serial = "CONSOLE-INVALID-" + UUID.randomUUID();
        Console.as(Role.BIOMED).post("/console/devices", Map.of("kind", "pump", "serial", serial, "manufacturer", "Acme",
                "model", "M1", "macAddress", "not-a-mac")).then().statusCode(400)
                .body(containsString("id=\"form-error\""), containsString("value=\"" + serial + "\""));
        Api.as(Role.BIOMED).get("/api/v1/devices?q=" + serial).then().statusCode(200).body("total", org.hamcrest.Matchers.is(0));
    }

    @Test
    void aCsrUploadedAsAFileIsEnrolled() {
        String serial = "CONSOLE-CSR-" + UUID.randomUUID();
        String id = Devices.registerPump(serial);
        Console.Session biomed = Console.as(Role.BIOMED);
        biomed.given().multiPart("csrf-token", biomed.csrfToken())
                .multiPart("csrFile", "pump.csr", Devices.csr(Devices.newKey(), "CN=" + serial).getBytes(StandardCharsets.US_ASCII),
                        "application/pkcs10")
                .post("/console/devices/" + id + "/enroll").then().statusCode(303);
        Api.as(Role.BIOMED).get("/api/v1/devices/" + id).then().body("certificateStatus", org.hamcrest.Matchers.is("valid"));
        biomed.get("/console/devices/" + id).then().body(containsString("badge badge-valid"));
    }

    @Test
    void aPolicyRefusalIsAPageWithItsStatus() {
        String serial = "CONSOLE-REFUSED-" + UUID.randomUUID();
        String id = Devices.registerPump(serial);
        Console.as(Role.BIOMED).post("/console/devices/" + id + "/key-generation", Map.of("passphrase", "short"))
                .then().statusCode(422).contentType(containsString("text/html")).body(containsString("role=\"alert\""));
    }

    @Test
    void theEnrollmentCodeIsShownOnceAndWorksOverEstOnly() {
        String id = Devices.registerPump("CONSOLE-CODE-" + UUID.randomUUID());
        Console.Session biomed = Console.as(Role.BIOMED);
        String page = biomed.post("/console/devices/" + id + "/enrollment-code", Map.of()).then().statusCode(200)
                .header("Cache-Control", "no-store").extract().asString();
        assertTrue(page.contains("id=\"enrollment-code\""), page);
        biomed.get("/console/devices/" + id).then().body(not(containsString("id=\"enrollment-code\"")));
    }

    @Test
    void decommissioningNamesWhatItRevokesThenRevokesIt() {
        String serial = "CONSOLE-DECOM-" + UUID.randomUUID();
        String id = Devices.registerPump(serial);
        String certificate = Devices.enroll(id, Devices.csr(Devices.newKey(), "CN=" + serial)).getString("serial");
        Console.Session biomed = Console.as(Role.BIOMED);
        biomed.get("/console/devices/" + id + "/decommission").then().statusCode(200)
                .body(containsString("<code>" + certificate + "</code>"));
        biomed.post("/console/devices/" + id + "/decommission", Map.of()).then().statusCode(303);
        Api.as(Role.BIOMED).get("/api/v1/certificates/" + certificate).then().body("status", org.hamcrest.Matchers.is("revoked"))
                .body("revocationReason", org.hamcrest.Matchers.is("cessationOfOperation"));
    }

    @Test
    void theExportHoldsTheFilteredDevicesOnly() {
        String location = "Ward-" + UUID.randomUUID();
        Api.as(Role.BIOMED).contentType("application/json").body(Map.of("kind", "pump", "serial", "EXPORT-" + UUID.randomUUID(),
                "manufacturer", "Acme", "model", "M1", "location", location)).post("/api/v1/devices").then().statusCode(201);
        Devices.registerPump("EXPORT-OTHER-" + UUID.randomUUID());
        String csv = Console.as(Role.AUDITOR).get("/console/devices/export.csv?location=" + location).then().statusCode(200)
                .contentType(containsString("text/csv")).extract().asString();
        assertEquals(2, csv.strip().split("\n").length, csv);
        assertTrue(csv.contains(location), csv);
    }

    @Test
    void anAdminCreatesAnIssuingCaAndOthersCannot() {
        String name = "console-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> form = Map.of("name", name, "subject", "CN=Console Issuing " + name + ",O=PumpPKI",
                "parent", "root", "algorithm", "ec-p256-sha256", "keyStore", "soft", "validityDays", "365");
        Console.as(Role.BIOMED).post("/console/cas", form).then().statusCode(403);
        Console.Session admin = Console.as(Role.ADMIN);
        admin.post("/console/cas", form).then().statusCode(303);
        admin.get("/console/cas").then().statusCode(200).body(containsString(name));
        admin.post("/console/cas", Map.of("name", name + "-x", "subject", "CN=x", "parent", "root", "validityDays", "0"))
                .then().statusCode(400).body(containsString("validityDays"));
    }

    @Test
    void anAdminCreatesAndDeletesAUser() {
        String username = "console-user-" + UUID.randomUUID().toString().substring(0, 8);
        Console.Session admin = Console.as(Role.ADMIN);
        admin.post("/console/users", Map.of("username", username, "password", "a-long-initial-password", "roles", "auditor"))
                .then().statusCode(200).body(containsString(username + " created"));
        Console.signIn(username, "a-long-initial-password").get("/console/audit").then().statusCode(200);
        admin.post("/console/users/" + username + "/delete", Map.of()).then().statusCode(200);
        Console.attemptSignIn(username, "a-long-initial-password").then().statusCode(302)
                .header("Location", containsString("/console/login/failed"));
    }

    @Test
    void aPersonChangesTheirOwnPassword() {
        String username = "console-pw-" + UUID.randomUUID().toString().substring(0, 8);
        Console.as(Role.ADMIN).post("/console/users", Map.of("username", username, "password", "the-first-password-1",
                "roles", "biomed")).then().statusCode(200);
        Console.Session session = Console.signIn(username, "the-first-password-1");
        session.post("/console/account/password", Map.of("currentPassword", "wrong-password-12", "newPassword",
                "the-second-password-2", "repeated", "the-second-password-2")).then().statusCode(403);
        session.post("/console/account/password", Map.of("currentPassword", "the-first-password-1", "newPassword",
                "the-second-password-2", "repeated", "the-second-password-2")).then().statusCode(200)
                .body(containsString("has been changed"));
        Console.signIn(username, "the-second-password-2");
    }

    @Test
    void anAdminRunsASchedulerJobAndSeesItsRunWhileOthersCannot() {
        Console.as(Role.BIOMED).post("/console/scheduler/inventory-scan/run", Map.of()).then().statusCode(403);
        Console.as(Role.AUDITOR).post("/console/scheduler/inventory-scan/run", Map.of()).then().statusCode(403);
        Console.Session admin = Console.as(Role.ADMIN);
        admin.post("/console/scheduler/inventory-scan/run", Map.of()).then().statusCode(200)
                .body(containsString("inventory-scan ran: succeeded"));
        Api.as(Role.AUDITOR).get("/api/v1/scheduler/jobs").then().statusCode(200)
                .body("find { it.job == 'inventory-scan' }.lastRuns[0].outcome", org.hamcrest.Matchers.equalTo("succeeded"));
        admin.post("/console/scheduler/no-such-job/run", Map.of()).then().statusCode(404);
    }

    @Test
    void aBiomedAcknowledgesAFlagFromTheQueueAndAnAuditorCannot() {
        String serial = "CONSOLE-FLAG-" + UUID.randomUUID().toString().substring(0, 8);
        String deviceId = Devices.registerPump(serial);
        Api.as(Role.ADMIN).post("/api/v1/scheduler/jobs/inventory-scan/run").then().statusCode(200);
        long id = ((Number) Api.as(Role.AUDITOR).queryParam("kind", "no-valid-certificate").queryParam("deviceId", deviceId)
                .get("/api/v1/flags").then().statusCode(200).extract().path("items[0].id")).longValue();
        Console.as(Role.BIOMED).get("/console/flags?kind=no-valid-certificate").then().statusCode(200)
                .body(containsString(serial));
        Console.as(Role.BIOMED).get("/console").then().statusCode(200)
                .body(org.hamcrest.Matchers.matchesPattern("(?s).*data-flag-severity=\"critical\">[1-9][0-9]*<.*"));

        Console.as(Role.AUDITOR).post("/console/flags/" + id + "/acknowledge", Map.of("comment", "not mine to say"))
                .then().statusCode(403);
        Console.as(Role.BIOMED).post("/console/flags/" + id + "/acknowledge", Map.of("comment", "Enrolling it on Tuesday"))
                .then().statusCode(200).body(containsString("Flag " + id + " acknowledged."));
        Api.as(Role.AUDITOR).get("/api/v1/flags/" + id).then().statusCode(200)
                .body("acknowledgement", org.hamcrest.Matchers.equalTo("Enrolling it on Tuesday"));
        Console.as(Role.AUDITOR).get("/console/work-list/csv").then().statusCode(200).contentType("text/csv")
                .body(containsString("dueAt"));
    }
}
