package org.pumppki.server.api;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.pumppki.server.testing.Api.as;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pumppki.ca.crypto.Pem;
import org.pumppki.ca.security.Role;
import org.pumppki.ca.testing.TestCsr;
import org.pumppki.server.testing.Devices;
import org.pumppki.server.testing.Fixtures;

/**
 * Servers get certificates the whole fleet trusts: only administrators register and certify them,
 * and only for names inside {@code pki.profiles.server.permitted-names} (set for tests in
 * {@code PostgresTestResource}: hospital.example, test, 10.20.0.0/16, 2001:db8:20::/48).
 */
@QuarkusTest
class ServerNamePolicyTest {

    @Inject
    EntityManager entityManager;

    @ParameterizedTest
    @ValueSource(strings = {"pump-server", "radius-server"})
    void aBiomedicalEngineerCannotRegisterAServer(String kind) {
        as(Role.BIOMED).contentType(ContentType.JSON).body(server(kind, Fixtures.serial("SRV"), "pumps.hospital.example"))
                .post("/api/v1/devices").then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("urn:pumppki:problem:server-needs-admin"));
    }

    @Test
    void aBiomedicalEngineerCannotRenameCertifyOrGiveACodeToAServer() {
        String id = Devices.registerServer("pump-server", Fixtures.serial("SRV"), "pumps.hospital.example");

        as(Role.BIOMED).contentType("application/merge-patch+json").body("{\"hostnames\": [\"pumps2.hospital.example\"]}")
                .patch("/api/v1/devices/{id}", id).then().statusCode(403)
                .body("type", equalTo("urn:pumppki:problem:server-needs-admin"));
        as(Role.BIOMED).contentType(ContentType.JSON).body(Map.of("csr", csr("pumps.hospital.example")))
                .post("/api/v1/devices/{id}/certificates", id).then().statusCode(403)
                .body("type", equalTo("urn:pumppki:problem:server-needs-admin"));
        as(Role.BIOMED).post("/api/v1/devices/{id}/enrollment-codes", id).then().statusCode(403)
                .body("type", equalTo("urn:pumppki:problem:server-needs-admin"));
        as(Role.BIOMED).contentType("text/csv")
                .body("kind,serial,manufacturer,model,hostnames\nradius-server," + Fixtures.serial("CSV") + ",Acme,R1,radius.test\n")
                .post("/api/v1/devices/import").then().statusCode(200).body("rejected[0].reason", containsString("administrator"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"pumps.evil.example", "hospital.example.evil.example", "10.21.0.1", "2001:db8:21::1"})
    void aNameOutsideThePermittedNamesIsRefusedAtRegistration(String hostname) {
        as(Role.ADMIN).contentType(ContentType.JSON).body(server("pump-server", Fixtures.serial("SRV"), hostname))
                .post("/api/v1/devices").then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:pumppki:problem:invalid-device"))
                .body("violations.field", hasItem("hostnames"))
                .body("violations[0].message", containsString("outside the names"));
    }

    @Test
    void aNameOutsideThePermittedNamesIsRefusedWhenChanged() {
        String id = Devices.registerServer("radius-server", Fixtures.serial("SRV"), "radius.test");

        as(Role.ADMIN).contentType("application/merge-patch+json").body("{\"hostnames\": [\"radius.evil.example\"]}")
                .patch("/api/v1/devices/{id}", id).then().statusCode(400)
                .body("violations[0].message", containsString("outside the names"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"*.hospital.example", "*"})
    void aWildcardIsRefusedAtRegistration(String hostname) {
        as(Role.ADMIN).contentType(ContentType.JSON).body(server("pump-server", Fixtures.serial("SRV"), hostname))
                .post("/api/v1/devices").then().statusCode(400)
                .body("violations[0].field", equalTo("hostnames"))
                .body("violations[0].message", containsString("wildcard"));
    }

    /** Once, a host name that began with a digit was looked up in DNS at issuance (and a 500 when it did not resolve). */
    @Test
    void aHostNameStartingWithADigitIsCertifiedAsADnsNameWithoutALookup() {
        String id = Devices.registerServer("pump-server", Fixtures.serial("SRV"), "1pumps.hospital.example");

        String certificate = Devices.enrollAs(Role.ADMIN, id, csr("1pumps.hospital.example")).getString("certificate");

        assertEquals(List.of("1pumps.hospital.example"), dnsNames(certificate));
    }

    /** A server registered before the permitted names were narrowed: the names are checked again at issuance. */
    @Test
    void aNameOutsideThePermittedNamesIsRefusedAgainAtIssuance() {
        String id = Devices.registerServer("pump-server", Fixtures.serial("SRV"), "pumps.hospital.example");
        storeHostnames(id, "{pumps.evil.example}");

        as(Role.ADMIN).contentType(ContentType.JSON).body(Map.of("csr", csr("pumps.evil.example")))
                .post("/api/v1/devices/{id}/certificates", id).then().statusCode(422)
                .body("type", equalTo("urn:pumppki:problem:name-not-permitted"));
    }

    /** A wildcard stored before it was refused at registration is a 4xx at issuance, never a 500. */
    @Test
    void aStoredWildcardIsRefusedAtIssuanceWithoutAServerError() {
        String id = Devices.registerServer("pump-server", Fixtures.serial("SRV"), "pumps.hospital.example");
        storeHostnames(id, "{*.hospital.example}");

        as(Role.ADMIN).contentType(ContentType.JSON).body(Map.of("csr", csr("pumps.hospital.example")))
                .post("/api/v1/devices/{id}/certificates", id).then().statusCode(422)
                .body("type", equalTo("urn:pumppki:problem:name-not-allowed"));
    }

    private void storeHostnames(String deviceId, String arrayLiteral) {
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                        "UPDATE device SET hostnames = CAST(?1 AS text[]) WHERE id = ?2")
                .setParameter(1, arrayLiteral).setParameter(2, UUID.fromString(deviceId)).executeUpdate());
    }

    private static String server(String kind, String serial, String hostname) {
        return """
                {"kind": "%s", "serial": "%s", "manufacturer": "Acme", "model": "Gateway", "hostnames": ["%s"]}
                """.formatted(kind, serial, hostname);
    }

    private static String csr(String hostname) {
        return Pem.certificationRequest(TestCsr.forKey(Devices.newKey()).subject("CN=" + hostname).build());
    }

    private static List<String> dnsNames(String certificatePem) {
        var certificate = Pem.readCertificates(certificatePem).get(0);
        var san = org.bouncycastle.asn1.x509.GeneralNames.fromExtensions(certificate.getExtensions(),
                org.bouncycastle.asn1.x509.Extension.subjectAlternativeName);
        return java.util.Arrays.stream(san.getNames())
                .filter(name -> name.getTagNo() == org.bouncycastle.asn1.x509.GeneralName.dNSName)
                .map(name -> name.getName().toString()).toList();
    }
}
