package org.pumppki.server.api;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.pumppki.server.testing.Api.as;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Test;
import org.pumppki.ca.crypto.Der;
import org.pumppki.ca.crypto.Pem;
import org.pumppki.ca.security.Role;
import org.pumppki.server.testing.Devices;
import org.pumppki.server.testing.EnrolledPump;
import org.pumppki.server.testing.Fixtures;

@QuarkusTest
class CertificateLifecycleTest {

    @Test
    void revocationIsFinalAndRecordsTheReason() {
        String serial = EnrolledPump.enroll("REV").serial();
        as(Role.BIOMED).contentType(ContentType.JSON).body(Map.of("reason", "keyCompromise"))
                .post("/api/v1/certificates/" + serial + "/revoke")
                .then().statusCode(200).body("status", equalTo("revoked")).body("revocationReason", equalTo("keyCompromise"));
        as(Role.BIOMED).contentType(ContentType.JSON).body(Map.of("reason", "superseded"))
                .post("/api/v1/certificates/" + serial + "/revoke")
                .then().statusCode(409).body("type", equalTo("urn:pumppki:problem:already-revoked"));
        as(Role.BIOMED).post("/api/v1/certificates/" + serial + "/release").then().statusCode(409);
        as(Role.AUDITOR).queryParam("status", "revoked").queryParam("size", 500).get("/api/v1/certificates")
                .then().body("items.serial", hasItem(serial));
    }

    @Test
    void unknownReasonsAndHoldThroughRevokeAreRefused() {
        String serial = EnrolledPump.enroll("REASON").serial();
        as(Role.BIOMED).contentType(ContentType.JSON).body(Map.of("reason", "boredom"))
                .post("/api/v1/certificates/" + serial + "/revoke")
                .then().statusCode(400).body("type", equalTo("urn:pumppki:problem:invalid-reason"));
        as(Role.BIOMED).contentType(ContentType.JSON).body(Map.of("reason", "certificateHold"))
                .post("/api/v1/certificates/" + serial + "/revoke")
                .then().statusCode(400).body("type", equalTo("urn:pumppki:problem:invalid-reason"));
        as(Role.AUDITOR).get("/api/v1/certificates/" + serial).then().body("status", equalTo("valid"));
    }

    @Test
    void holdAndReleaseRoundTrip() {
        String serial = EnrolledPump.enroll("HOLD").serial();
        as(Role.BIOMED).post("/api/v1/certificates/" + serial + "/hold")
                .then().statusCode(200).body("status", equalTo("on-hold")).body("revocationReason", equalTo("certificateHold"));
        as(Role.BIOMED).post("/api/v1/certificates/" + serial + "/hold").then().statusCode(409);
        as(Role.BIOMED).post("/api/v1/certificates/" + serial + "/release")
                .then().statusCode(200).body("status", equalTo("valid")).body("revokedAt", equalTo(null));
    }

    @Test
    void decommissioningRevokesEveryCertificateWithOneAuditEventEach() {
        String serial = Fixtures.serial("DECOM");
        String deviceId = Devices.registerPump(serial);
        String first = Devices.enroll(deviceId, Devices.csr(Devices.newKey(), "CN=" + serial)).getString("serial");
        String second = Devices.enroll(deviceId, Devices.csr(Devices.newKey(), "CN=" + serial)).getString("serial");

        as(Role.BIOMED).post("/api/v1/devices/" + deviceId + "/decommission")
                .then().statusCode(200).body("state", equalTo("decommissioned")).body("certificateStatus", equalTo("revoked"));

        JsonPath certificates = as(Role.AUDITOR).get("/api/v1/devices/" + deviceId + "/certificates").then().extract().jsonPath();
        assertEquals(List.of("revoked", "revoked"), certificates.getList("status"));
        assertEquals(List.of("cessationOfOperation", "cessationOfOperation"), certificates.getList("revocationReason"));
        for (String certificate : List.of(first, second)) {
            as(Role.AUDITOR).queryParam("targetId", certificate).queryParam("action", "certificate.revoked")
                    .get("/api/v1/audit").then().body("total", equalTo(1));
        }
        as(Role.AUDITOR).queryParam("targetId", deviceId).queryParam("action", "device.decommissioned")
                .get("/api/v1/audit").then().body("total", equalTo(1));

        as(Role.BIOMED).post("/api/v1/devices/" + deviceId + "/decommission")
                .then().statusCode(409).body("type", equalTo("urn:pumppki:problem:invalid-transition"));
        as(Role.BIOMED).post("/api/v1/devices/" + deviceId + "/release").then().statusCode(409);
    }

    @Test
    void quarantineHoldsAndReleaseLiftsTheHold() {
        String serial = Fixtures.serial("QR");
        String deviceId = Devices.registerPump(serial);
        String certificate = Devices.enroll(deviceId, Devices.csr(Devices.newKey(), "CN=" + serial)).getString("serial");

        as(Role.BIOMED).post("/api/v1/devices/" + deviceId + "/quarantine")
                .then().statusCode(200).body("state", equalTo("quarantined")).body("certificateStatus", equalTo("on-hold"));
        as(Role.AUDITOR).queryParam("certificateStatus", "on-hold").queryParam("q", serial).get("/api/v1/devices")
                .then().body("total", equalTo(1));
        as(Role.BIOMED).post("/api/v1/devices/" + deviceId + "/release")
                .then().statusCode(200).body("state", equalTo("in-service")).body("certificateStatus", equalTo("valid"));
        as(Role.AUDITOR).get("/api/v1/certificates/" + certificate).then().body("status", equalTo("valid"));
    }

    @Test
    void aLostPumpsCertificatesAreRevokedForKeyCompromise() {
        String serial = Fixtures.serial("LOST");
        String deviceId = Devices.registerPump(serial);
        String certificate = Devices.enroll(deviceId, Devices.csr(Devices.newKey(), "CN=" + serial)).getString("serial");
        as(Role.BIOMED).post("/api/v1/devices/" + deviceId + "/report-lost").then().statusCode(200).body("state", equalTo("lost"));
        as(Role.AUDITOR).get("/api/v1/certificates/" + certificate)
                .then().body("status", equalTo("revoked")).body("revocationReason", equalTo("keyCompromise"));
        as(Role.BIOMED).post("/api/v1/devices/" + deviceId + "/quarantine").then().statusCode(409);
    }

    @Test
    void certificatesDownloadAsPemDerOrChain() {
        String serial = EnrolledPump.enroll("DL").serial();

        String pem = as(Role.AUDITOR).queryParam("format", "pem").get("/api/v1/certificates/" + serial)
                .then().statusCode(200).extract().asString();
        assertEquals(serial, Pem.readCertificates(pem).get(0).getSerialNumber().toString(16));
        byte[] der = as(Role.AUDITOR).queryParam("format", "der").get("/api/v1/certificates/" + serial)
                .then().statusCode(200).contentType("application/pkix-cert").extract().asByteArray();
        X509CertificateHolder parsed = Der.certificate(der);
        assertEquals(serial, parsed.getSerialNumber().toString(16));
        String chain = as(Role.AUDITOR).queryParam("format", "chain").get("/api/v1/certificates/" + serial)
                .then().statusCode(200).extract().asString();
        assertEquals(3, Pem.readCertificates(chain).size());

        as(Role.AUDITOR).queryParam("format", "xml").get("/api/v1/certificates/" + serial).then().statusCode(400);
        as(Role.AUDITOR).get("/api/v1/certificates/" + serial.toUpperCase()).then().statusCode(200);
        as(Role.AUDITOR).get("/api/v1/certificates/not-hex").then().statusCode(400);
        as(Role.AUDITOR).get("/api/v1/certificates/abcdef0123456789").then().statusCode(404);
    }

    @Test
    void certificateListFiltersByDeviceProfileAndStatus() {
        String serial = Fixtures.serial("LST");
        String deviceId = Devices.registerPump(serial);
        String certificate = Devices.enroll(deviceId, Devices.csr(Devices.newKey(), "CN=" + serial)).getString("serial");
        as(Role.AUDITOR).queryParam("device", deviceId).queryParam("profile", "pump").queryParam("status", "valid")
                .get("/api/v1/certificates").then().statusCode(200).body("total", equalTo(1))
                .body("items[0].serial", equalTo(certificate)).body("items[0].issuer", equalTo("issuing"));
        as(Role.AUDITOR).queryParam("device", deviceId).queryParam("status", "expired")
                .get("/api/v1/certificates").then().body("total", equalTo(0));
        as(Role.AUDITOR).queryParam("status", "dead").get("/api/v1/certificates").then().statusCode(400);
        as(Role.AUDITOR).queryParam("expiringBefore", "tomorrow").get("/api/v1/certificates").then().statusCode(400);
        as(Role.AUDITOR).queryParam("device", deviceId).queryParam("expiringBefore", "2099-01-01T00:00:00Z")
                .get("/api/v1/certificates").then().body("total", equalTo(1));
    }

    @Test
    void biomedicalEngineersCannotTouchTheResponderCertificates() {
        String responder = as(Role.ADMIN).queryParam("profile", "ocsp-responder").get("/api/v1/certificates")
                .then().statusCode(200).extract().path("items[0].serial");
        as(Role.BIOMED).post("/api/v1/certificates/" + responder + "/hold")
                .then().statusCode(403).body("type", equalTo("urn:pumppki:problem:not-a-device-certificate"));
        as(Role.AUDITOR).get("/api/v1/certificates/" + responder).then().body("status", not(equalTo("on-hold")))
                .body("subject", startsWith("CN="));
    }
}
