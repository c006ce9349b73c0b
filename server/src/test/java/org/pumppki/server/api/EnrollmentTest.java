package org.pumppki.server.api;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pumppki.server.testing.Api.as;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayInputStream;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pumppki.ca.crypto.Pem;
import org.pumppki.ca.security.Role;
import org.pumppki.ca.testing.TestCsr;
import org.pumppki.ca.testing.TestKeys;
import org.pumppki.server.testing.Devices;
import org.pumppki.server.testing.Fixtures;

@QuarkusTest
class EnrollmentTest {

    @Test
    void aPumpIsEnrolledWithItsCsrAndGetsTheChainUpToTheRoot() {
        String serial = Fixtures.serial("ENR");
        String deviceId = Devices.registerPump(serial);
        JsonPath answer = Devices.enroll(deviceId, Devices.csr(Devices.newKey(), "CN=" + serial));

        assertEquals("pump", answer.getString("profile"));
        assertEquals("valid", answer.getString("status"));
        X509CertificateHolder certificate = Pem.readCertificates(answer.getString("certificate")).get(0);
        assertEquals(answer.getString("serial"), certificate.getSerialNumber().toString(16));
        assertTrue(certificate.getSubject().toString().contains(serial));
        List<String> chain = answer.getList("chain");
        assertEquals(2, chain.size(), "issuing CA, then root");
        X509CertificateHolder issuing = Pem.readCertificates(chain.get(0)).get(0);
        assertEquals(issuing.getSubject(), certificate.getIssuer());

        as(Role.AUDITOR).get("/api/v1/devices/" + deviceId).then()
                .body("certificateStatus", equalTo("valid"))
                .body("certificateSerial", equalTo(answer.getString("serial")));
        as(Role.AUDITOR).queryParam("targetId", answer.getString("serial")).get("/api/v1/audit")
                .then().body("items[0].action", equalTo("certificate.issued"));
    }

    static Stream<Arguments> refusedRequests() {
        KeyPair good = Devices.newKey();
        return Stream.of(
                Arguments.of("not a csr at all", 400, "malformed-input"),
                Arguments.of(Pem.certificationRequest(TestCsr.forKey(TestKeys.rsa1024()).signedWith("SHA256withRSA").build()), 422, "weak-key"),
                Arguments.of(Pem.certificationRequest(TestCsr.forKey(TestKeys.generate("RSA", 2048)).signedWith("SHA1withRSA").build()), 422,
                        "weak-signature"),
                Arguments.of(Pem.certificationRequest(TestCsr.forKey(good).dns("evil.example").build()), 422, "name-not-allowed"),
                Arguments.of(Pem.certificationRequest(TestCsr.forKey(TestKeys.ecOn("secp256k1")).signedWith("SHA256withECDSA").build()), 422,
                        "key-not-allowed"));
    }

    @ParameterizedTest
    @MethodSource("refusedRequests")
    void badRequestsAreRefusedAndNothingIsIssued(String csr, int status, String code) {
        String deviceId = Devices.registerPump(Fixtures.serial("REF"));
        as(Role.BIOMED).contentType(ContentType.JSON).body(Map.of("csr", csr))
                .post("/api/v1/devices/" + deviceId + "/certificates")
                .then().statusCode(status).contentType("application/problem+json")
                .body("type", equalTo("urn:pumppki:problem:" + code));
        as(Role.AUDITOR).get("/api/v1/devices/" + deviceId + "/certificates").then().body("$", hasSize(0));
        as(Role.AUDITOR).queryParam("targetId", deviceId).queryParam("action", "certificate.refused").get("/api/v1/audit")
                .then().body("total", equalTo(1)).body("items[0].outcome", equalTo("failure"))
                .body("items[0].details", org.hamcrest.Matchers.containsString(code));
    }

    @Test
    void aBrokenCsrSignatureIsRefused() throws Exception {
        byte[] der = TestCsr.forKey(Devices.newKey()).build().getEncoded();
        der[der.length - 5] ^= 0x01;
        String deviceId = Devices.registerPump(Fixtures.serial("BROKEN"));
        as(Role.BIOMED).contentType(ContentType.JSON).body(Map.of("csr", Pem.encode(Pem.CERTIFICATE_REQUEST, der)))
                .post("/api/v1/devices/" + deviceId + "/certificates")
                .then().statusCode(422).body("type", equalTo("urn:pumppki:problem:bad-signature"));
    }

    @Test
    void aKeyBoundToAnotherDeviceIsRefused() {
        KeyPair shared = Devices.newKey();
        String first = Fixtures.serial("KEY1");
        Devices.enroll(Devices.registerPump(first), Devices.csr(shared, "CN=" + first));

        String second = Fixtures.serial("KEY2");
        String otherDevice = Devices.registerPump(second);
        as(Role.BIOMED).contentType(ContentType.JSON).body(Map.of("csr", Devices.csr(shared, "CN=" + second)))
                .post("/api/v1/devices/" + otherDevice + "/certificates")
                .then().statusCode(422).body("type", equalTo("urn:pumppki:problem:key-in-use"));
    }

    @Test
    void unknownDevicesAndQuarantinedDevicesGetNoCertificate() {
        as(Role.BIOMED).contentType(ContentType.JSON).body(Map.of("csr", Devices.csr(Devices.newKey(), "CN=x")))
                .post("/api/v1/devices/00000000-0000-4000-8000-000000000001/certificates")
                .then().statusCode(404).body("type", equalTo("urn:pumppki:problem:device-not-found"));

        String deviceId = Devices.registerPump(Fixtures.serial("QUAR"));
        as(Role.BIOMED).post("/api/v1/devices/" + deviceId + "/quarantine").then().statusCode(200);
        as(Role.BIOMED).contentType(ContentType.JSON).body(Map.of("csr", Devices.csr(Devices.newKey(), "CN=x")))
                .post("/api/v1/devices/" + deviceId + "/certificates")
                .then().statusCode(409).body("type", equalTo("urn:pumppki:problem:device-not-in-service"));
    }

    @Test
    void aPumpServerGetsOnlyItsRegisteredHostnames() {
        String deviceId = Devices.registerServer("pump-server", Fixtures.serial("SRV"), "pumps.hospital.example", "10.20.0.15");
        JsonPath answer = Devices.enrollAs(Role.ADMIN, deviceId, Pem.certificationRequest(TestCsr.forKey(Devices.newKey()).subject("CN=pumps.hospital.example").dns("pumps.hospital.example").build()));
        assertEquals("pump-server", answer.getString("profile"));

        as(Role.ADMIN).contentType(ContentType.JSON)
                .body(Map.of("csr", Pem.certificationRequest(TestCsr.forKey(Devices.newKey()).subject("CN=pumps.hospital.example").dns("other.example").build())))
                .post("/api/v1/devices/" + deviceId + "/certificates")
                .then().statusCode(422).body("type", equalTo("urn:pumppki:problem:name-not-allowed"));
        as(Role.ADMIN).contentType(ContentType.JSON)
                .body(Map.of("csr", Devices.csr(Devices.newKey(), "CN=x"), "profile", "pump"))
                .post("/api/v1/devices/" + deviceId + "/certificates")
                .then().statusCode(422).body("type", equalTo("urn:pumppki:problem:profile-not-allowed"));
    }

    @Test
    void serverSideKeyGenerationAnswersAPkcs12ThatOpensWithThePassphrase() throws Exception {
        String deviceId = Devices.registerPump(Fixtures.serial("P12"));
        byte[] pkcs12 = as(Role.BIOMED).contentType(ContentType.JSON)
                .body(Map.of("keyGeneration", Map.of("passphrase", "a long passphrase", "algorithm", "ec-p384-sha384")))
                .post("/api/v1/devices/" + deviceId + "/certificates")
                .then().statusCode(201).contentType("application/x-pkcs12").extract().asByteArray();

        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(new ByteArrayInputStream(pkcs12), "a long passphrase".toCharArray());
        String alias = store.aliases().nextElement();
        assertNotNull(store.getKey(alias, "a long passphrase".toCharArray()));
        X509Certificate[] chain = java.util.Arrays.stream(store.getCertificateChain(alias)).map(X509Certificate.class::cast)
                .toArray(X509Certificate[]::new);
        assertEquals(3, chain.length);
        assertEquals("EC", chain[0].getPublicKey().getAlgorithm());
        as(Role.AUDITOR).queryParam("action", "private-key.exported").queryParam("targetId", chain[0].getSerialNumber().toString(16))
                .get("/api/v1/audit").then().body("total", equalTo(1));

        as(Role.BIOMED).contentType(ContentType.JSON).body(Map.of("keyGeneration", Map.of("passphrase", "short")))
                .post("/api/v1/devices/" + deviceId + "/certificates")
                .then().statusCode(422).body("type", equalTo("urn:pumppki:problem:weak-passphrase"));
    }

    @Test
    void renewalKeepsOrReplacesTheKeyAndLinksTheCertificates() {
        String serial = Fixtures.serial("REN");
        String deviceId = Devices.registerPump(serial);
        JsonPath first = Devices.enroll(deviceId, Devices.csr(Devices.newKey(), "CN=" + serial));

        JsonPath sameKey = as(Role.BIOMED).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/certificates/" + first.getString("serial") + "/renew")
                .then().statusCode(201).extract().jsonPath();
        assertNotEquals(first.getString("serial"), sameKey.getString("serial"));
        assertEquals(publicKey(first), publicKey(sameKey));

        JsonPath newKey = as(Role.BIOMED).contentType(ContentType.JSON)
                .body(Map.of("csr", Devices.csr(Devices.newKey(), "CN=" + serial)))
                .post("/api/v1/certificates/" + sameKey.getString("serial") + "/renew")
                .then().statusCode(201).extract().jsonPath();
        assertNotEquals(publicKey(sameKey), publicKey(newKey));

        as(Role.AUDITOR).get("/api/v1/certificates/" + newKey.getString("serial"))
                .then().body("replaces", equalTo(sameKey.getString("serial")));
        as(Role.AUDITOR).get("/api/v1/devices/" + deviceId)
                .then().body("certificateSerial", equalTo(newKey.getString("serial")));
    }

    private static String publicKey(JsonPath answer) {
        return java.util.Base64.getEncoder().encodeToString(
                Pem.readCertificates(answer.getString("certificate")).get(0).getSubjectPublicKeyInfo().getPublicKeyData().getBytes());
    }
}
