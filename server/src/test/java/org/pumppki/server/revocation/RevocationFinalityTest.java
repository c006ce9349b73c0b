package org.pumppki.server.revocation;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.pumppki.server.testing.Api.as;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.net.URL;
import java.security.KeyPair;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pumppki.ca.crypto.RevocationReason;
import org.pumppki.ca.domain.CertificateStatus;
import org.pumppki.ca.security.Role;
import org.pumppki.ca.service.Actor;
import org.pumppki.ca.service.PkiException;
import org.pumppki.ca.service.certificate.CertificateRevocation;
import org.pumppki.ca.store.Certificate;
import org.pumppki.ca.store.CertificateRepository;
import org.pumppki.server.testing.Devices;
import org.pumppki.server.testing.EnrolledPump;
import org.pumppki.server.testing.Fixtures;
import org.pumppki.server.testing.OcspProbe;

/**
 * Revocation cannot be undone: not by a hold that raced it, not by a direct UPDATE, not by
 * certifying the compromised key again; holds end only the way they were placed.
 */
@QuarkusTest
class RevocationFinalityTest {

    private static final Actor OPERATOR = Actor.system("revocation-finality-test");

    @Inject
    CertificateRevocation revocation;

    @Inject
    CertificateRepository certificates;

    @Inject
    EntityManager entityManager;

    @TestHTTPResource("/ocsp")
    URL ocspUrl;

    /**
     * The interleaving of the race, step by step: the hold's transaction reads the certificate while
     * it is valid, a keyCompromise revocation commits, then the hold goes on with what it read.
     */
    @Test
    void aHoldThatReadTheCertificateBeforeAKeyCompromiseRevocationCommittedCannotPutItOnHold() throws Exception {
        EnrolledPump pump = EnrolledPump.enroll("RACE-HOLD");

        PkiException refused = assertThrows(PkiException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            Certificate readByTheHold = certificates.findBySerial(pump.serial()).orElseThrow();
            assertEquals(CertificateStatus.VALID, readByTheHold.status);
            QuarkusTransaction.requiringNew().run(() -> revocation.revoke(OPERATOR,
                    certificates.findBySerial(pump.serial()).orElseThrow(), RevocationReason.KEY_COMPROMISE));
            revocation.hold(OPERATOR, readByTheHold);
        }));

        assertEquals("not-valid", refused.code());
        as(Role.AUDITOR).get("/api/v1/certificates/{serial}", pump.serial()).then().statusCode(200)
                .body("status", equalTo("revoked")).body("revocationReason", equalTo("keyCompromise"));
        assertEquals("revoked", OcspProbe.status(ocspUrl.toString(), pump.issuingCa(), pump.serialNumber()));
        as(Role.BIOMED).post("/api/v1/certificates/{serial}/release", pump.serial()).then().statusCode(409)
                .contentType("application/problem+json").body("type", equalTo("urn:pumppki:problem:not-on-hold"));
    }

    @Test
    void aReleaseThatReadTheHoldBeforeARevocationCommittedCannotMakeTheCertificateValid() {
        EnrolledPump pump = EnrolledPump.enroll("RACE-RELEASE");
        as(Role.BIOMED).post("/api/v1/certificates/{serial}/hold", pump.serial()).then().statusCode(200);

        PkiException refused = assertThrows(PkiException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            Certificate readByTheRelease = certificates.findBySerial(pump.serial()).orElseThrow();
            assertEquals(CertificateStatus.ON_HOLD, readByTheRelease.status);
            QuarkusTransaction.requiringNew().run(() -> revocation.revoke(OPERATOR,
                    certificates.findBySerial(pump.serial()).orElseThrow(), RevocationReason.KEY_COMPROMISE));
            revocation.release(OPERATOR, readByTheRelease);
        }));

        assertEquals("not-on-hold", refused.code());
        as(Role.AUDITOR).get("/api/v1/certificates/{serial}", pump.serial()).then()
                .body("status", equalTo("revoked")).body("revocationReason", equalTo("keyCompromise"));
    }

    @Test
    void theDatabaseRefusesToChangeTheStatusOfARevokedCertificate() {
        EnrolledPump pump = EnrolledPump.enroll("FINAL-SQL");
        as(Role.BIOMED).contentType(ContentType.JSON).body(Map.of("reason", "keyCompromise"))
                .post("/api/v1/certificates/{serial}/revoke", pump.serial()).then().statusCode(200);

        Exception refused = assertThrows(Exception.class, () -> QuarkusTransaction.requiringNew().run(() ->
                entityManager.createNativeQuery("UPDATE certificate SET status = 'on-hold', revocation_reason = "
                        + "'certificateHold' WHERE serial_number = ?1").setParameter(1, pump.serial()).executeUpdate()));

        assertThat(causes(refused), containsString("is revoked; its status cannot change"));
        as(Role.AUDITOR).get("/api/v1/certificates/{serial}", pump.serial()).then().body("status", equalTo("revoked"));
    }

    @Test
    void theDatabaseStillLetsAHoldBeLifted() {
        EnrolledPump pump = EnrolledPump.enroll("FINAL-HOLD-SQL");
        as(Role.BIOMED).post("/api/v1/certificates/{serial}/hold", pump.serial()).then().statusCode(200);

        int updated = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                "UPDATE certificate SET status = 'valid', revoked_at = NULL, revocation_reason = NULL "
                        + "WHERE serial_number = ?1").setParameter(1, pump.serial()).executeUpdate());

        assertEquals(1, updated);
    }

    @Test
    void aKeyOfALostPumpIsRefusedForAnotherDevice() {
        EnrolledPump lost = EnrolledPump.enroll("COMPROMISED");
        as(Role.BIOMED).post("/api/v1/devices/{id}/report-lost", lost.deviceId()).then().statusCode(200);
        String otherSerial = Fixtures.serial("COMPROMISED-OTHER");
        String other = Devices.registerPump(otherSerial);

        as(Role.BIOMED).contentType(ContentType.JSON).body(Map.of("csr", Devices.csr(lost.keyPair(), "CN=" + otherSerial)))
                .post("/api/v1/devices/{id}/certificates", other)
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:pumppki:problem:key-compromised"));
    }

    /** Without the rule the other device would be refused only while the revoked certificate is unexpired and unrevoked. */
    @Test
    void aKeyRevokedForKeyCompromiseIsRefusedForItsOwnDeviceAndAnyOther() {
        EnrolledPump pump = EnrolledPump.enroll("COMPROMISED-CERT");
        as(Role.BIOMED).contentType(ContentType.JSON).body(Map.of("reason", "keyCompromise"))
                .post("/api/v1/certificates/{serial}/revoke", pump.serial()).then().statusCode(200);
        String otherSerial = Fixtures.serial("COMPROMISED-CERT-OTHER");
        String other = Devices.registerPump(otherSerial);

        Map.of(pump.deviceId(), pump.deviceSerial(), other, otherSerial).forEach((deviceId, serial) ->
                as(Role.BIOMED).contentType(ContentType.JSON).body(Map.of("csr", Devices.csr(pump.keyPair(), "CN=" + serial)))
                        .post("/api/v1/devices/{id}/certificates", deviceId)
                        .then().statusCode(422).contentType("application/problem+json")
                        .body("type", equalTo("urn:pumppki:problem:key-compromised")));
    }

    @Test
    void aKeyRevokedForAnotherReasonMayBeCertifiedAgainForItsDevice() {
        EnrolledPump pump = EnrolledPump.enroll("SUPERSEDED-KEY");
        as(Role.BIOMED).contentType(ContentType.JSON).body(Map.of("reason", "superseded"))
                .post("/api/v1/certificates/{serial}/revoke", pump.serial()).then().statusCode(200);

        Devices.enroll(pump.deviceId(), Devices.csr(pump.keyPair(), "CN=" + pump.deviceSerial()));
    }

    @Test
    void aCertificateOnHoldIsNotRenewed() {
        EnrolledPump pump = EnrolledPump.enroll("HELD-RENEW");
        as(Role.BIOMED).post("/api/v1/certificates/{serial}/hold", pump.serial()).then().statusCode(200);

        as(Role.BIOMED).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/certificates/{serial}/renew", pump.serial())
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:pumppki:problem:certificate-on-hold"));
    }

    @Test
    void releasingADeviceLiftsOnlyTheHoldsItsQuarantinePlaced() {
        EnrolledPump pump = EnrolledPump.enroll("QUARANTINE-HOLDS");
        KeyPair secondKey = Devices.newKey();
        String second = Devices.enroll(pump.deviceId(), Devices.csr(secondKey, "CN=" + pump.deviceSerial())).getString("serial");
        as(Role.BIOMED).post("/api/v1/certificates/{serial}/hold", pump.serial()).then().statusCode(200);

        as(Role.BIOMED).post("/api/v1/devices/{id}/quarantine", pump.deviceId()).then().statusCode(200);
        as(Role.AUDITOR).get("/api/v1/certificates/{serial}", second).then().body("status", equalTo("on-hold"));
        as(Role.BIOMED).post("/api/v1/devices/{id}/release", pump.deviceId()).then().statusCode(200);

        as(Role.AUDITOR).get("/api/v1/certificates/{serial}", second).then().body("status", equalTo("valid"));
        as(Role.AUDITOR).get("/api/v1/certificates/{serial}", pump.serial()).then().body("status", equalTo("on-hold"));
    }

    private static String causes(Throwable failure) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        return messages.toString();
    }
}
