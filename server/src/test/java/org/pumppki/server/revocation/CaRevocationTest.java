package org.pumppki.server.revocation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.pumppki.server.testing.Api.as;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Map;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CRLEntryHolder;
import org.bouncycastle.cert.X509CRLHolder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pumppki.ca.security.Role;
import org.pumppki.server.testing.Devices;
import org.pumppki.server.testing.EnrolledPump;
import org.pumppki.server.testing.Fixtures;
import org.pumppki.server.testing.OcspProbe;
import org.pumppki.server.testing.ToolCli;
import org.pumppki.server.testing.TestIssuingCa;

/**
 * Issuing CAs as certificates of their root: AIA and CRL distribution point of the root, status
 * from the root's OCSP responder and CRL, revocation by an administrator, retirement.
 */
@QuarkusTest
class CaRevocationTest {

    @TempDir
    Path workDir;

    @TestHTTPResource("/")
    URL baseUrl;

    @Inject
    EntityManager entityManager;

    private ToolCli openssl;

    @BeforeEach
    void requireOpenSsl() {
        openssl = ToolCli.openssl(workDir);
    }

    @Test
    void anIssuingCaPointsToTheRootsOcspResponderCertificateAndCrl() {
        openssl.writePem("issuing.pem", TestIssuingCa.create("revocable").certificate());
        String origin = "http://localhost:" + baseUrl.getPort();

        String text = openssl.run("x509", "-in", "issuing.pem", "-noout", "-text").stdout();

        assertAll(
                () -> assertThat(text, containsString("Authority Information Access")),
                () -> assertThat(text, containsString("OCSP - URI:" + origin + "/ocsp")),
                () -> assertThat(text, containsString("CA Issuers - URI:" + origin + "/ca/root.crt")),
                () -> assertThat(text, containsString("X509v3 CRL Distribution Points")),
                () -> assertThat(text, containsString("URI:" + origin + "/crl/root.crl")));
    }

    /** The bootstrap CA is made before the test server has its random port: only the paths are compared. */
    @Test
    void theBootstrapIssuingCaCarriesTheRootsPublicationPointsToo() {
        openssl.writePem("issuing.pem", EnrolledPump.enroll("CA-AIA").issuingCa());

        String text = openssl.run("x509", "-in", "issuing.pem", "-noout", "-text").stdout();

        assertAll(
                () -> assertThat(text, matchesPattern("(?s).*OCSP - URI:http://[^/]+/ocsp\\R.*")),
                () -> assertThat(text, matchesPattern("(?s).*CA Issuers - URI:http://[^/]+/ca/root\\.crt\\R.*")),
                () -> assertThat(text, matchesPattern("(?s).*URI:http://[^/]+/crl/root\\.crl\\R.*")));
    }

    @Test
    void theRootsOcspResponderAnswersGoodForAnIssuingCaThenRevokedOnceAnAdministratorRevokesIt() {
        TestIssuingCa ca = TestIssuingCa.create("revocable");
        openssl.writePem("root.pem", ca.root());
        openssl.writePem("ca.pem", ca.certificate());

        ToolCli.Result before = askRootResponder();
        as(Role.ADMIN).contentType(ContentType.JSON).body(Map.of("reason", "cACompromise"))
                .post("/api/v1/cas/{id}/revoke", ca.id()).then().statusCode(200)
                .body("status", equalTo("revoked")).body("revocationReason", equalTo("cACompromise"))
                .body("revokedAt", notNullValue()).body("isDefault", equalTo(false));
        ToolCli.Result after = askRootResponder();

        assertAll(
                () -> assertThat(before.toString(), before.output(), containsString("Response verify OK")),
                () -> assertThat(before.toString(), before.stdout(), containsString("ca.pem: good")),
                () -> assertThat(after.toString(), after.output(), containsString("Response verify OK")),
                () -> assertThat(after.toString(), after.stdout(), containsString("ca.pem: revoked")),
                () -> assertThat(after.toString(), after.stdout(), containsString("Reason: cACompromise")));
    }

    @Test
    void theRootsCrlListsARevokedIssuingCa() {
        TestIssuingCa ca = TestIssuingCa.create("revocable");
        assertNull(rootCrl().getRevokedCertificate(ca.certificate().getSerialNumber()), "listed before revocation");

        as(Role.ADMIN).contentType(ContentType.JSON).body(Map.of("reason", "superseded"))
                .post("/api/v1/cas/{id}/revoke", ca.id()).then().statusCode(200);

        X509CRLEntryHolder entry = rootCrl().getRevokedCertificate(ca.certificate().getSerialNumber());
        assertNotNull(entry, "the root CRL does not list the revoked CA");
        assertEquals(CRLReason.superseded, CRLReason.getInstance(
                entry.getExtensions().getExtension(Extension.reasonCode).getParsedValue()).getValue().intValueExact());
    }

    @Test
    void theCertificatesOfARevokedCaFailValidationWhetherTheChainOrOnlyThePumpIsChecked() throws Exception {
        TestIssuingCa ca = TestIssuingCa.create("revocable");
        EnrolledPump pump = ca.enrollUnderIt("CA-REVOKED-PUMP");
        assertEquals("good", OcspProbe.status(baseUrl + "ocsp", pump.issuingCa(), pump.serialNumber()));

        as(Role.ADMIN).contentType(ContentType.JSON).body(Map.of("reason", "keyCompromise"))
                .post("/api/v1/cas/{id}/revoke", ca.id()).then().statusCode(200);

        openssl.writePem("root.pem", ca.root());
        openssl.writePem("ca.pem", ca.certificate());
        openssl.writePem("pump.pem", pump.certificate());
        openssl.write("root.crl", given().get("/crl/root.crl").then().statusCode(200).extract().asByteArray());
        openssl.write("ca.crl", given().get("/crl/{ca}.crl", ca.name()).then().statusCode(200).extract().asByteArray());
        ToolCli.Result verify = openssl.run("verify", "-crl_check_all", "-CAfile", "root.pem",
                "-untrusted", "ca.pem", "-CRLfile", crlPem("root.crl"), "-CRLfile", crlPem("ca.crl"), "pump.pem");

        assertAll(
                () -> assertEquals("revoked", OcspProbe.status(baseUrl + "ocsp", pump.issuingCa(), pump.serialNumber()),
                        "a RADIUS server that checks only the pump's certificate"),
                () -> assertNotEquals(0, verify.exitCode(), verify::toString),
                () -> assertThat(verify.toString(), verify.output(), containsString("certificate revoked")));
    }

    @Test
    void revokingAnIssuingCaIsAudited() {
        TestIssuingCa ca = TestIssuingCa.create("revocable");

        as(Role.ADMIN).contentType(ContentType.JSON).body(Map.of("reason", "cessationOfOperation"))
                .post("/api/v1/cas/{id}/revoke", ca.id()).then().statusCode(200);

        as(Role.AUDITOR).queryParam("action", "ca.revoked").queryParam("targetId", ca.name()).get("/api/v1/audit")
                .then().statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].actorRoles", containsString("admin"))
                .body("items[0].details", containsString("cessationOfOperation"))
                .body("items[0].details", containsString("root"));
    }

    @Test
    void aRevokedCaStaysRevokedAndIssuesNothing() {
        TestIssuingCa ca = TestIssuingCa.create("revocable");
        as(Role.ADMIN).contentType(ContentType.JSON).body(Map.of("reason", "superseded"))
                .post("/api/v1/cas/{id}/revoke", ca.id()).then().statusCode(200);

        as(Role.ADMIN).contentType(ContentType.JSON).body(Map.of("reason", "cACompromise"))
                .post("/api/v1/cas/{id}/revoke", ca.id()).then().statusCode(409)
                .contentType("application/problem+json").body("type", equalTo("urn:pumppki:problem:ca-already-revoked"));
        as(Role.ADMIN).post("/api/v1/cas/{id}/retire", ca.id()).then().statusCode(409)
                .body("type", equalTo("urn:pumppki:problem:ca-not-active"));
        as(Role.ADMIN).post("/api/v1/cas/{id}/default", ca.id()).then().statusCode(409)
                .body("type", equalTo("urn:pumppki:problem:ca-not-issuing"));
        Exception refused = assertThrows(Exception.class, () -> QuarkusTransaction.requiringNew().run(() ->
                entityManager.createNativeQuery("UPDATE certificate_authority SET status = 'active', revoked_at = NULL, "
                        + "revocation_reason = NULL WHERE id = ?1").setParameter(1, ca.id()).executeUpdate()));
        assertThat(causes(refused), containsString("is revoked; its status cannot change"));
    }

    @Test
    void aRevokedDefaultCaStopsBeingTheDefaultAndNothingIsIssuedUntilAnotherIs() {
        TestIssuingCa ca = TestIssuingCa.create("revocable");
        long previous = TestIssuingCa.idOf("issuing");
        as(Role.ADMIN).post("/api/v1/cas/{id}/default", ca.id()).then().statusCode(200);
        try {
            ca.revoke("cACompromise");

            as(Role.AUDITOR).get("/api/v1/cas/{id}", ca.id()).then().body("isDefault", equalTo(false));
            as(Role.BIOMED).contentType(ContentType.JSON)
                    .body(Map.of("csr", Devices.csr(Devices.newKey(), "CN=x")))
                    .post("/api/v1/devices/{id}/certificates",
                            Devices.registerPump(Fixtures.serial("NO-CA")))
                    .then().statusCode(409).body("type", equalTo("urn:pumppki:problem:no-issuing-ca"));
            as(Role.AUDITOR).queryParam("action", "ca.revoked").queryParam("targetId", ca.name()).get("/api/v1/audit")
                    .then().body("items[0].details", containsString("\"wasDefault\":true"));
        } finally {
            as(Role.ADMIN).post("/api/v1/cas/{id}/default", previous).then().statusCode(200);
        }
    }

    @Test
    void aRootAHoldAndAnUnknownReasonAreRefused() {
        long root = TestIssuingCa.idOf("root");
        TestIssuingCa ca = TestIssuingCa.create("revocable");

        as(Role.ADMIN).contentType(ContentType.JSON).body(Map.of("reason", "cACompromise"))
                .post("/api/v1/cas/{id}/revoke", root).then().statusCode(409)
                .body("type", equalTo("urn:pumppki:problem:ca-not-issuing"));
        as(Role.ADMIN).contentType(ContentType.JSON).body(Map.of("reason", "certificateHold"))
                .post("/api/v1/cas/{id}/revoke", ca.id()).then().statusCode(400)
                .body("type", equalTo("urn:pumppki:problem:invalid-reason"));
        as(Role.ADMIN).contentType(ContentType.JSON).body(Map.of("reason", "bored"))
                .post("/api/v1/cas/{id}/revoke", ca.id()).then().statusCode(400)
                .body("type", equalTo("urn:pumppki:problem:invalid-reason"));
        as(Role.AUDITOR).get("/api/v1/cas/{id}", ca.id()).then().body("status", equalTo("active"));
    }

    @Test
    void aRetiredCaIssuesNothingButKeepsAnsweringForWhatItIssued() throws Exception {
        TestIssuingCa ca = TestIssuingCa.create("revocable");
        EnrolledPump pump = ca.enrollUnderIt("CA-RETIRED-PUMP");

        as(Role.ADMIN).post("/api/v1/cas/{id}/retire", ca.id()).then().statusCode(200).body("status", equalTo("retired"));

        assertEquals("good", OcspProbe.status(baseUrl + "ocsp", pump.issuingCa(), pump.serialNumber()));
        assertEquals("good", OcspProbe.status(baseUrl + "ocsp", ca.root(), ca.certificate().getSerialNumber()));
        given().get("/crl/{ca}.crl", ca.name()).then().statusCode(200);
        as(Role.ADMIN).post("/api/v1/cas/{id}/default", ca.id()).then().statusCode(409)
                .body("type", equalTo("urn:pumppki:problem:ca-not-issuing"));
        as(Role.ADMIN).post("/api/v1/cas/{id}/retire", TestIssuingCa.idOf("issuing")).then().statusCode(409)
                .body("type", equalTo("urn:pumppki:problem:ca-is-default"));
        as(Role.AUDITOR).queryParam("action", "ca.retired").queryParam("targetId", ca.name()).get("/api/v1/audit")
                .then().statusCode(200).body("total", equalTo(1));
    }

    private ToolCli.Result askRootResponder() {
        return openssl.run("ocsp", "-url", baseUrl + "ocsp", "-issuer", "root.pem", "-cert", "ca.pem",
                "-CAfile", "root.pem", "-timeout", "30");
    }

    /** {@code openssl verify -CRLfile} reads PEM only in OpenSSL 3.0. */
    private String crlPem(String derFile) {
        String pemFile = derFile + ".pem";
        ToolCli.Result converted = openssl.run("crl", "-inform", "DER", "-in", derFile, "-out", pemFile);
        assertEquals(0, converted.exitCode(), converted::toString);
        return pemFile;
    }

    private static X509CRLHolder rootCrl() {
        try {
            return new X509CRLHolder(given().get("/crl/root.crl").then().statusCode(200).extract().asByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String causes(Throwable failure) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        return messages.toString();
    }
}
