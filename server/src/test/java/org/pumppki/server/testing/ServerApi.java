package org.pumppki.server.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.math.BigInteger;
import java.util.Map;
import org.bouncycastle.cert.X509CertificateHolder;
import org.pumppki.ca.crypto.Pem;

/**
 * The admin API of a server started as a process, signed in as the bootstrap admin: over HTTPS,
 * verified against the root CA the server publishes on {@code baseUrl} (plain HTTP).
 */
public record ServerApi(String baseUrl, String httpsUrl, String adminPassword) {

    public ServerApi(ServerProcess server, String adminPassword) {
        this(server.baseUrl(), server.httpsUrl(), adminPassword);
    }

    public RequestSpecification admin() {
        return https().header(Api.REQUESTED_BY, "pumppki-tests").auth().preemptive().basic("admin", adminPassword);
    }

    /** The HTTPS listener, its certificate checked against the published root. */
    public RequestSpecification https() {
        return given().baseUri(httpsUrl).trustStore(Https.trustStoreOf(root()));
    }

    public java.security.cert.X509Certificate root() {
        byte[] der = given().baseUri(baseUrl).get("/ca/root.crt").then().statusCode(200).extract().asByteArray();
        try {
            return (java.security.cert.X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificate(new java.io.ByteArrayInputStream(der));
        } catch (java.security.cert.CertificateException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Registers and enrolls a pump with a fresh key; returns the enrollment answer. */
    public JsonPath enrolledPump(String serial) {
        String id = admin().contentType(ContentType.JSON).body(Fixtures.pumpJson(serial))
                .post("/api/v1/devices").then().statusCode(201).extract().path("id");
        return admin().contentType(ContentType.JSON)
                .body(Map.of("csr", Devices.csr(Devices.newKey(), "CN=" + serial)))
                .post("/api/v1/devices/" + id + "/certificates").then().statusCode(201).extract().jsonPath();
    }

    public void revoke(String serial) {
        admin().contentType(ContentType.JSON).body(Map.of("reason", "keyCompromise"))
                .post("/api/v1/certificates/" + serial + "/revoke").then().statusCode(200);
    }

    public String ocspStatus(JsonPath enrollment) throws Exception {
        X509CertificateHolder issuer = Pem.readCertificates(enrollment.getString("chain[0]")).get(0);
        return OcspProbe.status(baseUrl + "/ocsp", issuer, new BigInteger(enrollment.getString("serial"), 16));
    }
}
