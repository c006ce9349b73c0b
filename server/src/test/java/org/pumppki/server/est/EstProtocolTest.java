package org.pumppki.server.est;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.pumppki.server.testing.Api.as;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.Test;
import org.pumppki.ca.crypto.CertsOnlyPkcs7;
import org.pumppki.ca.security.Role;
import org.pumppki.server.testing.Devices;
import org.pumppki.server.testing.EstClient;
import org.pumppki.server.testing.EstTestResource;
import org.pumppki.server.testing.Fixtures;
import org.pumppki.server.testing.Https;

/**
 * EST on the wire (RFC 7030, RFC 8951): content types, base64 with line breaks, the raw-DER switch,
 * and the refusals of malformed, oversized, mistyped or plain-HTTP requests, which issue nothing and
 * are audited.
 */
@QuarkusTest
class EstProtocolTest {

    private static final String PKCS10 = "application/pkcs10";
    private static final String ENROLL = "/.well-known/est/simpleenroll";

    @Test
    void cacertsIsACertsOnlyMessageInBase64() {
        var response = Https.given().get("/.well-known/est/cacerts").then().statusCode(200)
                .contentType(startsWith("application/pkcs7-mime")).contentType(containsString("smime-type=certs-only"))
                .extract();

        byte[] der = Base64.getMimeDecoder().decode(response.asString());
        assertEquals(2, CertsOnlyPkcs7.decode(der).size());
    }

    @Test
    void everyOperationIsCountedByOutcome() {
        Https.given().get("/.well-known/est/cacerts").then().statusCode(200);
        Https.given().contentType("application/json").body("{}".getBytes()).post(ENROLL).then().statusCode(415);

        String metrics = org.pumppki.server.testing.Api.as(org.pumppki.ca.security.Role.AUDITOR).get("/q/metrics")
                .then().statusCode(200).extract().asString();
        org.hamcrest.MatcherAssert.assertThat(metrics, org.hamcrest.Matchers.matchesPattern(
                "(?s).*pki_est_requests_seconds_count\\{[^}]*operation=\"cacerts\"[^}]*outcome=\"success\"[^}]*} [1-9].*"));
        org.hamcrest.MatcherAssert.assertThat(metrics, org.hamcrest.Matchers.matchesPattern(
                "(?s).*pki_est_requests_seconds_count\\{[^}]*operation=\"simpleenroll\"[^}]*outcome=\"refused\"[^}]*} [1-9].*"));
    }

    @Test
    void csrattrsIsBase64OfCsrAttrs() {
        Https.given().get("/.well-known/est/csrattrs").then().statusCode(200).contentType("application/csrattrs");
    }

    @Test
    void enrollmentTakesBase64WithLineBreaksAndIgnoresContentTransferEncoding() {
        Pump pump = Pump.register();
        String wrapped = Base64.getMimeEncoder(40, "\r\n".getBytes()).encodeToString(pump.csrDer());

        String answer = Https.given().auth().preemptive().basic(pump.serial(), pump.code())
                .header("Content-Transfer-Encoding", "7bit").contentType(PKCS10).body(wrapped.getBytes())
                .post(ENROLL).then().statusCode(200).contentType(startsWith("application/pkcs7-mime"))
                .extract().asString();

        assertEquals(1, CertsOnlyPkcs7.decode(Base64.getMimeDecoder().decode(answer)).size());
    }

    @Test
    void aRawDerLabelTakesAndAnswersDer() {
        Pump pump = Pump.register();

        byte[] answer = Https.given().auth().preemptive().basic(pump.serial(), pump.code()).contentType(PKCS10)
                .body(pump.csrDer()).post("/.well-known/est/" + EstTestResource.RAW_DER_LABEL + "/simpleenroll")
                .then().statusCode(200).extract().asByteArray();

        assertEquals(1, CertsOnlyPkcs7.decode(answer).size());
    }

    @Test
    void aWrongContentTypeIs415AndIssuesNothing() {
        Pump pump = Pump.register();
        Instant before = Instant.now();

        Https.given().auth().preemptive().basic(pump.serial(), pump.code()).contentType("application/json")
                .body("{}".getBytes()).post(ENROLL).then().statusCode(415).contentType(startsWith("text/plain"));

        pump.assertNothingIssued();
        assertRefusalAudited("unsupported-media-type", before);
    }

    @Test
    void anOversizedBodyIs413AndIssuesNothing() {
        Pump pump = Pump.register();
        Instant before = Instant.now();

        Https.given().auth().preemptive().basic(pump.serial(), pump.code()).contentType(PKCS10)
                .body(new byte[200_000]).post(ENROLL).then().statusCode(413);

        pump.assertNothingIssued();
        assertRefusalAudited("too-large", before);
    }

    @Test
    void garbageIs400AndIssuesNothing() {
        Pump pump = Pump.register();
        Instant before = Instant.now();
        String code = pump.code();

        Https.given().auth().preemptive().basic(pump.serial(), code).contentType(PKCS10)
                .body("this is not base64!".getBytes()).post(ENROLL).then().statusCode(400).contentType(startsWith("text/plain"));
        Https.given().auth().preemptive().basic(pump.serial(), code).contentType(PKCS10)
                .body(Base64.getEncoder().encode(new byte[] {0x30, 0x03, 0x02, 0x01, 0x01})).post(ENROLL)
                .then().statusCode(400).body(containsString("certificate request"));

        pump.assertNothingIssued();
        assertRefusalAudited("malformed-base64", before);
        as(Role.AUDITOR).get("/api/v1/audit?action=certificate.refused&targetId=" + pump.id())
                .then().body("total", equalTo(1));
    }

    @Test
    void estOverPlainHttpIsRefusedWithoutReadingTheCode() {
        Pump pump = Pump.register();
        String code = pump.code();

        given().auth().preemptive().basic(pump.serial(), code).contentType(PKCS10).body(Base64.getEncoder().encode(pump.csrDer()))
                .post(ENROLL).then().statusCode(403).contentType(startsWith("text/plain")).body(containsString("https://"));
        given().get("/.well-known/est/cacerts").then().statusCode(403);

        pump.assertNothingIssued();
        // The code was never looked at, so it still works over HTTPS.
        Https.given().auth().preemptive().basic(pump.serial(), code).contentType(PKCS10)
                .body(Base64.getEncoder().encode(pump.csrDer())).post(ENROLL).then().statusCode(200);
    }

    @Test
    void anUnknownLabelOrADisabledOperationIs404() {
        Https.given().get("/.well-known/est/no-such-label/cacerts").then().statusCode(404);
        Https.given().contentType(PKCS10).body("MAA=".getBytes()).post("/.well-known/est/fullcmc").then().statusCode(404);
    }

    @Test
    void wrongCodesAreAnsweredWithAChallengeAndCountedPerDevice() {
        Pump pump = Pump.register();

        Https.given().auth().preemptive().basic(pump.serial(), "WRONG-CODE").contentType(PKCS10)
                .body(Base64.getEncoder().encode(pump.csrDer())).post(ENROLL)
                .then().statusCode(401).header("WWW-Authenticate", startsWith("Basic"));
        for (int i = 0; i < 5; i++) {
            Https.given().auth().preemptive().basic(pump.serial(), "WRONG-CODE-" + i).contentType(PKCS10)
                    .body(Base64.getEncoder().encode(pump.csrDer())).post(ENROLL);
        }

        // Past the per-device limit even the right code waits.
        Https.given().auth().preemptive().basic(pump.serial(), pump.code()).contentType(PKCS10)
                .body(Base64.getEncoder().encode(pump.csrDer())).post(ENROLL).then().statusCode(429)
                .header("Retry-After", org.hamcrest.Matchers.notNullValue());
        pump.assertNothingIssued();
    }

    private static void assertRefusalAudited(String reason, Instant since) {
        as(Role.AUDITOR).get("/api/v1/audit?action=est.refused&from=" + since.minusSeconds(1))
                .then().statusCode(200).body("total", greaterThan(0))
                .body("items.details", org.hamcrest.Matchers.hasItem(containsString(reason)));
    }

    private record Pump(String id, String serial) {

        static Pump register() {
            String serial = Fixtures.serial("ESTP");
            return new Pump(Devices.registerPump(serial), serial);
        }

        String code() {
            return as(Role.BIOMED).post("/api/v1/devices/{id}/enrollment-codes", id).then().statusCode(201).extract().path("code");
        }

        byte[] csrDer() {
            try {
                return EstClient.csr(Devices.newKey(), new X500Name("CN=" + serial)).getEncoded();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }

        void assertNothingIssued() {
            List<?> certificates = as(Role.AUDITOR).get("/api/v1/devices/{id}/certificates", id).then().statusCode(200)
                    .extract().jsonPath().getList("$");
            assertEquals(0, certificates.size());
        }
    }
}
