package org.pumppki.server.scheduler;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pumppki.server.testing.Api.as;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pumppki.ca.security.Role;
import org.pumppki.ca.service.revocation.OcspLookupRecorder;
import org.pumppki.server.testing.Console;
import org.pumppki.server.testing.EnrolledPump;
import org.pumppki.server.testing.OcspProbe;
import org.pumppki.server.testing.ShiftableClock;

/**
 * The scans with the application's clock where the test puts it: expiry windows and their
 * resolution by renewal, the biomeds' work list, acknowledgement, and revoked pumps still knocking.
 */
@QuarkusTest
class ExpiryAndSightingsTest {

    @Inject
    ShiftableClock clock;

    @Inject
    OcspLookupRecorder lookups;

    @Inject
    AgroalDataSource dataSource;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aCertificate29DaysFromExpiryRaisesTheThirtyDayFlagAndRenewingResolvesIt() {
        EnrolledPump pump = EnrolledPump.enroll("EXPIRY");
        Instant notAfter = pump.certificate().getNotAfter().toInstant();
        clock.shift(Duration.between(clock.instant(), notAfter).minus(Duration.ofDays(29)));

        JsonPath run = SchedulerJobs.run("expiry-scan");
        assertTrue(run.getInt("raised") >= 1, "the scan raised flags: " + run.prettify());
        List<Map<String, Object>> open = SchedulerJobs.flags("expiring", pump.serial(), "open").getList("items");
        assertEquals(1, open.size(), "one open flag per certificate and kind");
        Map<String, Object> flag = open.get(0);
        assertEquals("30d", ((Map<?, ?>) flag.get("details")).get("window"));
        assertEquals("info", flag.get("severity"));
        assertEquals(pump.deviceId(), flag.get("deviceId"));
        assertEquals(notAfter.toString(), flag.get("dueAt"));

        SchedulerJobs.run("expiry-scan");
        assertEquals(1, SchedulerJobs.flags("expiring", pump.serial(), "all").getList("items").size(),
                "a second scan refreshes the flag instead of raising another");
        String metrics = as(Role.AUDITOR).get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("pumppki_flags_open{kind=\"expiring\",severity=\"info\"}"), "open flags by kind and severity");
        assertTrue(metrics.contains("pumppki_certificates{status=\"valid\",window=\"30d\"}"), "certificates by expiry window");
        assertTrue(metrics.contains("pumppki_scheduler_job_duration_seconds_count{job=\"expiry-scan\",outcome=\"succeeded\"}"),
                "scan durations");

        as(Role.BIOMED).contentType(ContentType.JSON).body("{}").post("/api/v1/certificates/{serial}/renew", pump.serial())
                .then().statusCode(201);
        SchedulerJobs.run("expiry-scan");
        assertEquals(List.of(), SchedulerJobs.flags("expiring", pump.serial(), "open").getList("items"));
        List<Map<String, Object>> resolved = SchedulerJobs.flags("expiring", pump.serial(), "resolved").getList("items");
        assertEquals(1, resolved.size());
        assertNotNull(resolved.get(0).get("resolvedAt"));
    }

    @Test
    void theWorkListNamesHandLoadedDevicesAndAcknowledgingIsAudited() {
        EnrolledPump pump = EnrolledPump.enroll("WORK");
        as(Role.BIOMED).contentType(ContentType.JSON).body(Map.of("location", "Ward 7, bay 3"))
                .patch("/api/v1/devices/{id}", pump.deviceId()).then().statusCode(200);
        Instant notAfter = pump.certificate().getNotAfter().toInstant();
        clock.shift(Duration.between(clock.instant(), notAfter).minus(Duration.ofDays(6)));
        SchedulerJobs.run("expiry-scan");

        Map<String, Object> flag = SchedulerJobs.flags("expiring", pump.serial(), "open").getMap("items[0]");
        assertEquals("warning", flag.get("severity"), "inside the 7-day window");
        List<Map<String, Object>> items = as(Role.BIOMED).get("/api/v1/work-list").then().statusCode(200)
                .extract().jsonPath().getList("items");
        Map<String, Object> item = items.stream().filter(i -> pump.deviceSerial().equals(i.get("deviceSerial")))
                .findFirst().orElseThrow(() -> new AssertionError("the pump is on the work list: " + items));
        assertEquals("Ward 7, bay 3", item.get("location"));
        assertEquals(notAfter.toString(), item.get("dueAt"));
        assertTrue(((String) item.get("todo")).startsWith("Load a renewed certificate before"));
        byte[] apiCsv = as(Role.AUDITOR).queryParam("format", "csv").get("/api/v1/work-list").then().statusCode(200)
                .contentType("text/csv").body(containsString("dueAt,severity,deviceSerial"))
                .body(containsString(pump.deviceSerial() + ",pump,")).body(containsString("\"Ward 7, bay 3\""))
                .header("Content-Disposition", "attachment; filename=\"renewal-work-list.csv\"")
                .extract().asByteArray();
        byte[] consoleCsv = Console.as(Role.AUDITOR).get("/console/work-list/csv").then().statusCode(200)
                .contentType("text/csv").header("Content-Disposition", "attachment; filename=\"renewal-work-list.csv\"")
                .extract().asByteArray();
        assertArrayEquals(apiCsv, consoleCsv, "the console and the API send the same file");

        long id = ((Number) flag.get("id")).longValue();
        as(Role.BIOMED).contentType(ContentType.JSON).body(Map.of("comment", " "))
                .post("/api/v1/flags/{id}/acknowledge", id).then().statusCode(400)
                .contentType("application/problem+json");
        as(Role.BIOMED).contentType(ContentType.JSON).body(Map.of("comment", "Visiting ward 7 on Tuesday"))
                .post("/api/v1/flags/{id}/acknowledge", id).then().statusCode(200)
                .body("acknowledgement", equalTo("Visiting ward 7 on Tuesday")).body("state", equalTo("open"));
        JsonPath audit = as(Role.AUDITOR).queryParam("action", "flag.acknowledged").queryParam("targetId", String.valueOf(id))
                .get("/api/v1/audit").then().statusCode(200).extract().jsonPath();
        assertEquals(1, audit.getList("items").size());
        assertTrue(audit.getString("items[0].details").contains("Visiting ward 7 on Tuesday"), audit.prettify());
        assertTrue(audit.getString("items[0].actorRoles").contains("biomed"));
    }

    @Test
    void aRevokedPumpLookedUpAfterRevocationRaisesRevokedStillSeenNamingTheRequester() throws Exception {
        EnrolledPump pump = EnrolledPump.enroll("STOLEN");
        as(Role.BIOMED).contentType(ContentType.JSON).body(Map.of("reason", "keyCompromise"))
                .post("/api/v1/certificates/{serial}/revoke", pump.serial()).then().statusCode(200);
        SchedulerJobs.run("sightings-scan");
        assertEquals(List.of(), SchedulerJobs.flags("revoked-still-seen", pump.serial(), "open").getList("items"),
                "not looked up since its revocation");

        String ocsp = "http://127.0.0.1:" + RestAssured.port + "/ocsp";
        assertEquals("revoked", OcspProbe.status(ocsp, pump.issuingCa(), pump.serialNumber()));
        JsonPath run = SchedulerJobs.run("sightings-scan");

        List<Map<String, Object>> flags = SchedulerJobs.flags("revoked-still-seen", pump.serial(), "open").getList("items");
        assertEquals(1, flags.size(), run.prettify());
        Map<String, Object> flag = flags.get(0);
        assertEquals("critical", flag.get("severity"));
        Map<?, ?> details = (Map<?, ?>) flag.get("details");
        assertEquals("127.0.0.1", details.get("requester"));
        assertEquals(1, ((Number) details.get("lookups")).intValue());
        assertTrue(((String) flag.get("summary")).contains("127.0.0.1"), (String) flag.get("summary"));
        assertNull(flag.get("acknowledgedAt"));
        assertEquals(pump.deviceId(), flag.get("deviceId"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRevokedPumpPresentedToTwoRadiusServersNamesBothAndOldLookupsArePurged() throws Exception {
        EnrolledPump pump = EnrolledPump.enroll("TWICE");
        as(Role.BIOMED).contentType(ContentType.JSON).body(Map.of("reason", "keyCompromise"))
                .post("/api/v1/certificates/{serial}/revoke", pump.serial()).then().statusCode(200);
        String issuerId = issuerIdOf(pump.serial());
        BigInteger forgotten = new BigInteger("5ea1ed0000" + pump.serial().substring(0, 6), 16);
        lookups.record(issuerId, pump.serialNumber(), "10.20.0.11", clock.instant());
        lookups.record(issuerId, pump.serialNumber(), "10.20.0.12", clock.instant());
        lookups.record(issuerId, pump.serialNumber(), "10.20.0.12", clock.instant());
        lookups.record(issuerId, forgotten, "10.20.0.13", clock.instant().minus(Duration.ofDays(91)));

        SchedulerJobs.run("sightings-scan");

        Map<String, Object> flag = SchedulerJobs.flags("revoked-still-seen", pump.serial(), "open").getMap("items[0]");
        List<Map<String, Object>> requesters = (List<Map<String, Object>>) ((Map<?, ?>) flag.get("details")).get("requesters");
        assertEquals(Map.of("10.20.0.11", 1, "10.20.0.12", 2), requesters.stream()
                .collect(java.util.stream.Collectors.toMap(r -> (String) r.get("address"), r -> ((Number) r.get("lookups")).intValue())),
                "every server the revoked pump was presented to, with its count");
        assertTrue(((String) flag.get("summary")).contains("2 servers asked"), (String) flag.get("summary"));
        assertEquals(0, rowsOf(issuerId, forgotten), "lookups older than pki.ocsp.lookup-retention are purged");
    }

    private String issuerIdOf(String serial) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("SELECT issuer_id FROM certificate WHERE serial_number = ?")) {
            query.setString(1, serial);
            try (ResultSet row = query.executeQuery()) {
                assertTrue(row.next(), serial);
                return String.valueOf(row.getLong(1));
            }
        }
    }

    private long rowsOf(String issuerId, BigInteger serial) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("""
                        SELECT (SELECT count(*) FROM ocsp_lookup WHERE issuer_id = ?1 AND serial_number = ?2)
                             + (SELECT count(*) FROM ocsp_lookup_requester WHERE issuer_id = ?1 AND serial_number = ?2)
                        """.replace("?1", "?").replace("?2", "?"))) {
            query.setLong(1, Long.parseLong(issuerId));
            query.setString(2, serial.toString(16));
            query.setLong(3, Long.parseLong(issuerId));
            query.setString(4, serial.toString(16));
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
