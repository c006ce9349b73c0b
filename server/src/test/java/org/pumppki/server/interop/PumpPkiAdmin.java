package org.pumppki.server.interop;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.pumppki.ca.crypto.Pem;
import org.pumppki.ca.security.Role;
import org.pumppki.server.testing.Api;

/** What an administrator does in PumpPKI's REST API to put a pump or a RADIUS server on the network. */
final class PumpPkiAdmin {

    /** An issued certificate. */
    record Issued(String serial, String certificate, List<String> chain) {

        /** The certificate followed by the issuing CA, as a device presents it. */
        List<String> presentedChain() {
            return List.of(certificate, chain.get(0));
        }

        String root() {
            return chain.get(chain.size() - 1);
        }
    }

    /** Registers a pump; answers its device id. */
    String registerPump(String serial) {
        return register("""
                {"kind": "pump", "serial": "%s", "manufacturer": "Acme Infusion", "model": "Alaris 8015"}
                """.formatted(serial));
    }

    /** Registers a RADIUS server allowed to be called {@code hostname}; answers its device id. */
    String registerRadiusServer(String serial, String hostname) {
        return register("""
                {"kind": "radius-server", "serial": "%s", "manufacturer": "FreeRADIUS", "model": "3.2",
                 "hostnames": ["%s"]}
                """.formatted(serial, hostname));
    }

    /** Registers a pump server allowed to be called {@code hostname}; answers its device id. */
    String registerPumpServer(String serial, String hostname) {
        return register("""
                {"kind": "pump-server", "serial": "%s", "manufacturer": "Acme", "model": "Gateway",
                 "hostnames": ["%s"]}
                """.formatted(serial, hostname));
    }

    /** Enrolls the device with a CSR, under the profile of its kind. */
    Issued enroll(String deviceId, PKCS10CertificationRequest csr) {
        return issued(admin().body(Map.of("csr", Pem.certificationRequest(csr)))
                .post("/api/v1/devices/{id}/certificates", deviceId)
                .then().statusCode(201).extract().jsonPath());
    }

    /** Renews a certificate for the key of {@code csr}, as an operator does before it expires. */
    Issued renew(String certificateSerial, PKCS10CertificationRequest csr) {
        return issued(admin().body(Map.of("csr", Pem.certificationRequest(csr)))
                .post("/api/v1/certificates/{serial}/renew", certificateSerial)
                .then().statusCode(201).extract().jsonPath());
    }

    /** A one-time EST enrollment code for the device. */
    String enrollmentCode(String deviceId) {
        return admin().post("/api/v1/devices/{id}/enrollment-codes", deviceId).then().statusCode(201).extract().path("code");
    }

    void revoke(String certificateSerial, String reason) {
        admin().body(Map.of("reason", reason)).post("/api/v1/certificates/{serial}/revoke", certificateSerial)
                .then().statusCode(200);
    }

    void hold(String certificateSerial) {
        admin().post("/api/v1/certificates/{serial}/hold", certificateSerial).then().statusCode(200);
    }

    void release(String certificateSerial) {
        admin().post("/api/v1/certificates/{serial}/release", certificateSerial).then().statusCode(200);
    }

    private static Issued issued(JsonPath issued) {
        return new Issued(issued.getString("serial"), issued.getString("certificate"), issued.getList("chain", String.class));
    }

    private String register(String deviceJson) {
        return admin().body(deviceJson).post("/api/v1/devices").then().statusCode(201).extract().path("id");
    }

    private RequestSpecification admin() {
        return Api.as(Role.ADMIN).contentType(ContentType.JSON);
    }
}
