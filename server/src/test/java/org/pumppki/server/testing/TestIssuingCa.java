package org.pumppki.server.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.pumppki.server.testing.Api.as;

import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.bouncycastle.cert.X509CertificateHolder;
import org.pumppki.ca.crypto.Pem;
import org.pumppki.ca.security.Role;

/**
 * A fresh issuing CA under the bootstrap root, made at run time (so its AIA names the test server's
 * real port) and of its own, so that revoking or retiring it touches no other test.
 */
public record TestIssuingCa(long id, String name, X509CertificateHolder certificate, X509CertificateHolder root) {

    public static TestIssuingCa create(String prefix) {
        String name = Fixtures.caName(prefix);
        long id = ((Number) as(Role.ADMIN).contentType(ContentType.JSON)
                .body(Map.of("name", name, "subject", "CN=Test Issuing " + name + ",O=PumpPKI", "role", "issuing",
                        "parent", "root", "validityDays", 1000))
                .post("/api/v1/cas").then().statusCode(201).extract().path("id")).longValue();
        List<X509CertificateHolder> chain = Pem.readCertificates(as(Role.AUDITOR).get("/api/v1/cas/{id}/chain", id)
                .then().statusCode(200).extract().asString());
        return new TestIssuingCa(id, name, chain.get(0), chain.get(1));
    }

    /** Enrolls a pump while this CA is the default, then gives the default back. */
    public EnrolledPump enrollUnderIt(String serialPrefix) {
        long previous = idOf(defaultCaName());
        as(Role.ADMIN).post("/api/v1/cas/{id}/default", id).then().statusCode(200);
        try {
            EnrolledPump pump = EnrolledPump.enroll(serialPrefix);
            assertEquals(name, pump.issuer());
            return pump;
        } finally {
            as(Role.ADMIN).post("/api/v1/cas/{id}/default", previous).then().statusCode(200);
        }
    }

    public void revoke(String reason) {
        as(Role.ADMIN).contentType(ContentType.JSON).body(Map.of("reason", reason))
                .post("/api/v1/cas/{id}/revoke", id).then().statusCode(200);
    }

    public static long idOf(String caName) {
        return ((Number) as(Role.AUDITOR).get("/api/v1/cas").then().statusCode(200)
                .extract().path("find { it.name == '" + caName + "' }.id")).longValue();
    }

    private static String defaultCaName() {
        return as(Role.AUDITOR).get("/api/v1/cas").then().statusCode(200).extract().path("find { it.isDefault }.name");
    }
}
