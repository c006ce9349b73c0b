package org.pumppki.server.testing;

import static org.pumppki.server.testing.Api.as;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.security.KeyPair;
import org.pumppki.ca.crypto.AlgorithmPreset;
import org.pumppki.ca.crypto.Pem;
import org.pumppki.ca.security.Role;
import org.pumppki.ca.testing.TestCsr;

/** Registers devices and enrolls them through the admin API, as a biomedical engineer would. */
public final class Devices {

    private Devices() {
    }

    /** Registers a pump with a fresh serial; returns its id. */
    public static String registerPump(String serial) {
        return as(Role.BIOMED).contentType(ContentType.JSON).body(Fixtures.pumpJson(serial))
                .post("/api/v1/devices").then().statusCode(201).extract().path("id");
    }

    /** Registers a server of the given kind allowed the given host names, as servers are: by an administrator. */
    public static String registerServer(String kind, String serial, String... hostnames) {
        String names = String.join("\", \"", hostnames);
        return as(Role.ADMIN).contentType(ContentType.JSON)
                .body("""
                        {"kind": "%s", "serial": "%s", "manufacturer": "Acme", "model": "Gateway", "hostnames": ["%s"]}
                        """.formatted(kind, serial, names))
                .post("/api/v1/devices").then().statusCode(201).extract().path("id");
    }

    public static KeyPair newKey() {
        return AlgorithmPreset.EC_P256_SHA256.generateKeyPair(new java.security.SecureRandom());
    }

    public static String csr(KeyPair key, String subject) {
        return Pem.certificationRequest(TestCsr.forKey(key).subject(subject).build());
    }

    /** Enrolls with a CSR and returns the enrollment answer; fails the test unless it is 201. */
    public static JsonPath enroll(String deviceId, String csrPem) {
        return enrollAs(Role.BIOMED, deviceId, csrPem);
    }

    /** Enrolls as {@code role}: servers are certified by administrators. */
    public static JsonPath enrollAs(Role role, String deviceId, String csrPem) {
        return as(role).contentType(ContentType.JSON).body(java.util.Map.of("csr", csrPem))
                .post("/api/v1/devices/" + deviceId + "/certificates")
                .then().statusCode(201).extract().jsonPath();
    }
}
