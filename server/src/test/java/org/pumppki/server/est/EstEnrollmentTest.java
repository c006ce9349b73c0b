package org.pumppki.server.est;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pumppki.server.testing.Api.as;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.est.CSRRequestResponse;
import org.bouncycastle.est.ESTException;
import org.bouncycastle.est.ESTService;
import org.bouncycastle.est.EnrollmentResponse;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.api.Test;
import org.pumppki.ca.security.Role;
import org.pumppki.ca.service.certificate.SupersededCertificates;
import org.pumppki.server.testing.Devices;
import org.pumppki.server.testing.EstClient;
import org.pumppki.server.testing.EstTestResource;
import org.pumppki.server.testing.Fixtures;
import org.pumppki.server.testing.Https;

/**
 * EST as a pump speaks it, with Bouncy Castle's EST client: CA certificates, CSR attributes,
 * enrollment with a one-time code, re-enrollment over mutual TLS, server-side key generation, and
 * the refusals that must issue nothing.
 */
@QuarkusTest
class EstEnrollmentTest {

    @Inject
    EntityManager entityManager;

    @Inject
    SupersededCertificates superseded;

    @Test
    void cacertsHoldsTheIssuingCaSignedByTheRoot() throws Exception {
        X509CertificateHolder[] certificates = ESTService.storeToArray(
                EstClient.service(Optional.empty()).getCACerts().getCertificateStore());

        X509CertificateHolder root = Arrays.stream(certificates).filter(c -> c.getSubject().equals(c.getIssuer())).findFirst().orElseThrow();
        X509CertificateHolder issuing = Arrays.stream(certificates).filter(c -> !c.getSubject().equals(c.getIssuer())).findFirst().orElseThrow();
        assertArrayEquals(Https.root().getEncoded(), root.getEncoded());
        assertTrue(issuing.isSignatureValid(new JcaContentVerifierProviderBuilder().build(root)));
    }

    @Test
    void csrattrsAsksForAnEcP256KeySignedWithSha256() throws Exception {
        CSRRequestResponse attributes = EstClient.service(Optional.empty()).getCSRAttributes();

        assertTrue(attributes.getAttributesResponse().getRequirements().contains(X9ObjectIdentifiers.ecdsa_with_SHA256));
        assertTrue(attributes.getAttributesResponse().isAttribute(X9ObjectIdentifiers.id_ecPublicKey));
    }

    @Test
    void aPumpEnrollsWithItsOneTimeCodeAndTheCertificateIsOnRecord() throws Exception {
        Pump pump = Pump.register();
        KeyPair key = Devices.newKey();

        X509CertificateHolder issued = pump.enroll(key, pump.code());

        assertTrue(issued.isSignatureValid(new JcaContentVerifierProviderBuilder().build(issuingCa())));
        assertArrayEquals(key.getPublic().getEncoded(), issued.getSubjectPublicKeyInfo().getEncoded());
        as(Role.AUDITOR).get("/api/v1/certificates/{serial}", issued.getSerialNumber().toString(16))
                .then().statusCode(200).body("deviceId", equalTo(pump.id())).body("status", equalTo("valid"));
        as(Role.AUDITOR).get("/api/v1/audit?action=enrollment-code.used&targetId=" + pump.id())
                .then().statusCode(200).body("total", equalTo(1));
    }

    @Test
    void aCodeWorksOnceAndTheSecondTryIssuesNothing() throws Exception {
        Pump pump = Pump.register();
        String code = pump.code();
        pump.enroll(Devices.newKey(), code);

        ESTException refused = assertThrows(ESTException.class, () -> pump.enroll(Devices.newKey(), code));

        assertEquals(401, refused.getStatusCode());
        assertEquals(1, pump.certificateCount());
        as(Role.AUDITOR).get("/api/v1/audit?action=enrollment-code.refused&targetId=" + pump.id())
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].details", org.hamcrest.Matchers.containsString("already used"));
    }

    @Test
    void anExpiredCodeIsRefused() {
        Pump pump = Pump.register();
        String code = pump.code();
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                "update enrollment_code set expires_at = now() - interval '1 minute' where device_id = cast(?1 as uuid)")
                .setParameter(1, pump.id()).executeUpdate());

        ESTException refused = assertThrows(ESTException.class, () -> pump.enroll(Devices.newKey(), code));

        assertEquals(401, refused.getStatusCode());
        assertEquals(0, pump.certificateCount());
    }

    @Test
    void aRequestNamingAnotherPumpIsABadRequestWithTheReason() throws Exception {
        Pump pump = Pump.register();
        String code = pump.code();
        var request = EstClient.csr(Devices.newKey(), new X500Name("CN=" + Fixtures.serial("OTHER")));

        ESTException refused = assertThrows(ESTException.class, () -> EstClient.service(Optional.empty())
                .simpleEnroll(false, request, EstClient.basic(pump.serial(), code)));

        assertEquals(400, refused.getStatusCode());
        assertTrue(new String(refused.getBody().readAllBytes()).contains(pump.serial()), "the reason names the pump's serial");
        assertEquals(0, pump.certificateCount());
        as(Role.AUDITOR).get("/api/v1/audit?action=certificate.refused&targetId=" + pump.id())
                .then().statusCode(200).body("total", equalTo(1));
        // The refused request did not spend the code.
        pump.enroll(Devices.newKey(), code);
    }

    @Test
    void aPumpReenrollsWithItsCurrentCertificateAndTheOldOneIsSupersededAfterTheGracePeriod() throws Exception {
        Pump pump = Pump.register();
        KeyPair oldKey = Devices.newKey();
        X509CertificateHolder current = pump.enroll(oldKey, pump.code());
        KeyPair newKey = Devices.newKey();

        X509CertificateHolder renewed = pump.reenroll(oldKey, current, newKey, current.getSubject());

        assertEquals(current.getSubject(), renewed.getSubject());
        assertArrayEquals(newKey.getPublic().getEncoded(), renewed.getSubjectPublicKeyInfo().getEncoded());
        String oldSerial = current.getSerialNumber().toString(16);
        as(Role.AUDITOR).get("/api/v1/certificates/{serial}", oldSerial).then().body("status", equalTo("valid"));
        as(Role.AUDITOR).get("/api/v1/certificates/{serial}", renewed.getSerialNumber().toString(16))
                .then().statusCode(200).body("replaces", equalTo(oldSerial));

        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                "update certificate set supersede_after = now() - interval '1 second' where serial_number = ?1")
                .setParameter(1, oldSerial).executeUpdate());
        assertTrue(superseded.revokeDueNow() >= 1);
        as(Role.AUDITOR).get("/api/v1/certificates/{serial}", oldSerial).then()
                .body("status", equalTo("revoked")).body("revocationReason", equalTo("superseded"));
    }

    @Test
    void reenrollmentMustKeepTheSubject() throws Exception {
        Pump pump = Pump.register();
        KeyPair key = Devices.newKey();
        X509CertificateHolder current = pump.enroll(key, pump.code());

        ESTException refused = assertThrows(ESTException.class,
                () -> pump.reenroll(key, current, Devices.newKey(), new X500Name("CN=" + pump.serial())));

        assertEquals(400, refused.getStatusCode());
        assertEquals(1, pump.certificateCount());
    }

    @Test
    void aRevokedOrHeldCertificateCannotReenroll() throws Exception {
        Pump revoked = Pump.register();
        KeyPair revokedKey = Devices.newKey();
        X509CertificateHolder revokedCertificate = revoked.enroll(revokedKey, revoked.code());
        as(Role.BIOMED).contentType(ContentType.JSON).body(Map.of("reason", "keyCompromise"))
                .post("/api/v1/certificates/{serial}/revoke", revokedCertificate.getSerialNumber().toString(16)).then().statusCode(200);
        Pump held = Pump.register();
        KeyPair heldKey = Devices.newKey();
        X509CertificateHolder heldCertificate = held.enroll(heldKey, held.code());
        as(Role.BIOMED).post("/api/v1/certificates/{serial}/hold", heldCertificate.getSerialNumber().toString(16))
                .then().statusCode(200);

        ESTException revokedRefusal = assertThrows(ESTException.class,
                () -> revoked.reenroll(revokedKey, revokedCertificate, Devices.newKey(), revokedCertificate.getSubject()));
        ESTException heldRefusal = assertThrows(ESTException.class,
                () -> held.reenroll(heldKey, heldCertificate, Devices.newKey(), heldCertificate.getSubject()));

        assertEquals(403, revokedRefusal.getStatusCode());
        assertEquals(403, heldRefusal.getStatusCode());
        assertEquals(1, revoked.certificateCount());
        assertEquals(1, held.certificateCount());
        as(Role.AUDITOR).get("/api/v1/audit?action=certificate.reenrollment-refused&targetId="
                + heldCertificate.getSerialNumber().toString(16)).then().body("total", equalTo(1));
    }

    @Test
    void anExpiredCertificateCannotReenroll() throws Exception {
        Pump pump = Pump.register();
        KeyPair key = Devices.newKey();
        X509CertificateHolder current = pump.enroll(key, pump.code());
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                "update certificate set not_before = now() - interval '2 days', not_after = now() - interval '1 second'"
                        + " where serial_number = ?1")
                .setParameter(1, current.getSerialNumber().toString(16)).executeUpdate());

        ESTException refused = assertThrows(ESTException.class,
                () -> pump.reenroll(key, current, Devices.newKey(), current.getSubject()));

        assertEquals(401, refused.getStatusCode());
        assertEquals(1, pump.certificateCount());
    }

    @Test
    void reenrollmentWithoutAClientCertificateIsUnauthorized() throws Exception {
        Pump pump = Pump.register();
        X509CertificateHolder current = pump.enroll(Devices.newKey(), pump.code());

        ESTException refused = assertThrows(ESTException.class, () -> EstClient.service(Optional.empty())
                .simpleEnroll(true, EstClient.csr(Devices.newKey(), current.getSubject()), null));

        assertEquals(401, refused.getStatusCode());
    }

    @Test
    void serverSideKeyGenerationWhereTheLabelEnablesIt() throws Exception {
        Pump pump = Pump.register();
        EnrollmentResponse response = EstClient.service(Optional.of(EstTestResource.KEYGEN_LABEL))
                .simpleEnrollWithServersideCreation(EstClient.csr(Devices.newKey(), new X500Name("CN=" + pump.serial())),
                        EstClient.basic(pump.serial(), pump.code()));

        X509CertificateHolder issued = ESTService.storeToArray(response.getStore())[0];
        assertNotNull(response.getPrivateKeyInfo(), "the answer carries the generated key");
        java.security.PrivateKey privateKey = new org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter()
                .getPrivateKey(response.getPrivateKeyInfo());
        java.security.Signature signature = java.security.Signature.getInstance("SHA256withECDSA");
        signature.initSign(privateKey);
        signature.update(new byte[] {1, 2, 3});
        byte[] signed = signature.sign();
        signature.initVerify(EstClient.jca(issued).getPublicKey());
        signature.update(new byte[] {1, 2, 3});
        assertTrue(signature.verify(signed), "the generated key belongs to the issued certificate");
        as(Role.AUDITOR).get("/api/v1/audit?action=private-key.exported&targetId=" + issued.getSerialNumber().toString(16))
                .then().body("total", equalTo(1));
    }

    @Test
    void serverSideKeyGenerationIsNotFoundWhereTheLabelDoesNotEnableIt() {
        Https.given().contentType("application/pkcs10").body("MAA=".getBytes()).post("/.well-known/est/serverkeygen")
                .then().statusCode(404);
    }

    @Test
    void zeroTouchPumpWaitsAsPendingUntilABiomedApprovesIt() throws Exception {
        String serial = Fixtures.serial("ZT");
        KeyPair deviceKey = Devices.newKey();
        X509Certificate idevid = EstTestResource.manufacturer().issueDeviceCertificate(serial, deviceKey);
        ESTService est = EstClient.withClientCertificate(Optional.empty(), deviceKey.getPrivate(), idevid);
        KeyPair key = Devices.newKey();

        EnrollmentResponse waiting = est.simpleEnroll(false, EstClient.csr(key, new X500Name("CN=" + serial)), null);

        assertFalse(waiting.isCompleted());
        assertTrue(waiting.getNotBefore() > System.currentTimeMillis(), "Retry-After is honoured");
        String id = as(Role.BIOMED).get("/api/v1/devices?q=" + serial).then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].state", equalTo("pending")).extract().path("items[0].id");
        as(Role.BIOMED).post("/api/v1/devices/{id}/approve", id).then().statusCode(200).body("state", equalTo("in-service"));

        EnrollmentResponse enrolled = est.simpleEnroll(false, EstClient.csr(key, new X500Name("CN=" + serial)), null);

        assertTrue(enrolled.isCompleted());
        X509CertificateHolder issued = ESTService.storeToArray(enrolled.getStore())[0];
        assertArrayEquals(key.getPublic().getEncoded(), issued.getSubjectPublicKeyInfo().getEncoded());
        as(Role.AUDITOR).get("/api/v1/audit?action=device.approved&targetId=" + id).then().body("total", equalTo(1));
    }

    @Test
    void aDeviceCertificateFromAnUntrustedManufacturerGetsNothing() {
        String serial = Fixtures.serial("ZT-FOREIGN");
        KeyPair deviceKey = Devices.newKey();
        X509Certificate foreign = org.pumppki.server.testing.ManufacturerCa.create("Elsewhere Medical")
                .issueDeviceCertificate(serial, deviceKey);
        ESTService est = EstClient.withClientCertificate(Optional.empty(), deviceKey.getPrivate(), foreign);

        // The listener does not accept the chain; either the handshake or the request is refused.
        assertThrows(Exception.class, () -> est.simpleEnroll(false, EstClient.csr(Devices.newKey(), new X500Name("CN=" + serial)), null));
        as(Role.AUDITOR).get("/api/v1/devices?q=" + serial).then().body("total", equalTo(0));
    }

    private static X509CertificateHolder issuingCa() throws Exception {
        X509CertificateHolder[] certificates = ESTService.storeToArray(
                EstClient.service(Optional.empty()).getCACerts().getCertificateStore());
        return Arrays.stream(certificates).filter(c -> !c.getSubject().equals(c.getIssuer())).findFirst().orElseThrow();
    }

    /** A pump registered by a biomed, enrolling over EST. */
    private record Pump(String id, String serial) {

        static Pump register() {
            String serial = Fixtures.serial("EST");
            return new Pump(Devices.registerPump(serial), serial);
        }

        String code() {
            return as(Role.BIOMED).post("/api/v1/devices/{id}/enrollment-codes", id).then().statusCode(201).extract().path("code");
        }

        X509CertificateHolder enroll(KeyPair key, String code) throws Exception {
            EnrollmentResponse response = EstClient.service(Optional.empty())
                    .simpleEnroll(false, EstClient.csr(key, new X500Name("CN=" + serial)), EstClient.basic(serial, code));
            assertTrue(response.isCompleted());
            return ESTService.storeToArray(response.getStore())[0];
        }

        X509CertificateHolder reenroll(KeyPair currentKey, X509CertificateHolder current, KeyPair newKey, X500Name subject)
                throws Exception {
            EnrollmentResponse response = EstClient.withClientCertificate(Optional.empty(), currentKey.getPrivate(),
                    EstClient.jca(current)).simpleEnroll(true, EstClient.csr(newKey, subject), null);
            assertTrue(response.isCompleted());
            X509CertificateHolder renewed = ESTService.storeToArray(response.getStore())[0];
            assertNotEquals(current.getSerialNumber(), renewed.getSerialNumber());
            return renewed;
        }

        int certificateCount() {
            List<?> certificates = as(Role.AUDITOR).get("/api/v1/devices/{id}/certificates", id).then().statusCode(200)
                    .extract().jsonPath().getList("$");
            return certificates.size();
        }
    }
}
