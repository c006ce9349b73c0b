package org.pumppki.server.api;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pumppki.server.testing.Api.anonymous;
import static org.pumppki.server.testing.Api.as;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.cert.X509CRLHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pumppki.ca.security.Role;
import org.pumppki.server.testing.EnrolledPump;
import org.pumppki.server.testing.OcspProbe;

@QuarkusTest
class OperationsEndpointsTest {

    @Test
    void readinessCoversTheDatabaseTheSchemaAndOcsp() {
        anonymous().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'Database schema' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'OCSP responder' }.data.degraded", equalTo(false));
        anonymous().get("/q/health/group/ocsp").then().statusCode(200).body("checks.size()", equalTo(1));
    }

    @Test
    void prometheusMetricsCountOcspAnswers() throws Exception {
        EnrolledPump pump = EnrolledPump.enroll("METRIC");
        String url = io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port + "/ocsp";
        OcspProbe.status(url, pump.issuingCa(), pump.serialNumber());
        as(Role.AUDITOR).get("/q/metrics").then().statusCode(200)
                .body(containsString("pki_ocsp_responses_total{method=\"POST\",presigned=\"false\",status=\"successful\"}"))
                .body(containsString("pki_ocsp_degraded 0.0"))
                .body(containsString("pki_ocsp_index_certificates"));
    }

    @Test
    void prometheusMetricsTellTheNextUpdateOfTheServedCrl() throws Exception {
        byte[] der = RestAssured.given().get("/crl/issuing.crl").then().statusCode(200).extract().asByteArray();
        long nextUpdate = new X509CRLHolder(der).getNextUpdate().toInstant().getEpochSecond();
        String metrics = as(Role.AUDITOR).get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher gauge = Pattern.compile("(?m)^pki_crl_next_update_seconds\\{ca=\"issuing\"} (\\S+)$").matcher(metrics);
        assertTrue(gauge.find(), "no CRL gauge in\n" + metrics);
        assertEquals(nextUpdate, (long) Double.parseDouble(gauge.group(1)));
    }

    @Test
    void theApiIsDescribed() {
        as(Role.AUDITOR).get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/api/v1/devices/{id}/certificates'.post.summary", equalTo("Enroll the device"))
                .body("paths.'/ocsp'.post.summary", equalTo("OCSP request by POST"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/q/metrics", "/q/openapi", "/q/openapi?format=json", "/q/swagger-ui/"})
    void metricsAndTheApiDescriptionAreForOperatorsOnly(String path) {
        anonymous().get(path).then().statusCode(401);
        as(Role.BIOMED).get(path).then().statusCode(403);
        io.restassured.RestAssured.given().get(path).then().statusCode(403);
        as(Role.ADMIN).get(path).then().statusCode(200);
        as(Role.AUDITOR).get(path).then().statusCode(200);
    }

    @Test
    void healthStaysPublicOnPlainHttpForProbes() {
        io.restassured.RestAssured.given().get("/q/health/live").then().statusCode(200);
        io.restassured.RestAssured.given().get("/q/health/ready").then().statusCode(200);
    }
}
