package org.pumppki.server.api;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.pumppki.server.testing.Api.as;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;
import org.pumppki.ca.crypto.AlgorithmPreset;
import org.pumppki.ca.crypto.CaCertificateFactory;
import org.pumppki.ca.crypto.CaCertificateSpec;
import org.pumppki.ca.crypto.Pem;
import org.pumppki.ca.security.Role;
import org.pumppki.ca.testing.TestPki;
import org.pumppki.server.testing.Devices;
import org.pumppki.server.testing.EnrolledPump;
import org.pumppki.server.testing.Fixtures;

@QuarkusTest
class CaResourceTest {

    @Test
    void theBootstrapHierarchyIsARootAndADefaultIssuingCa() {
        as(Role.AUDITOR).get("/api/v1/cas").then().statusCode(200)
                .body("find { it.name == 'root' }.role", equalTo("root"))
                .body("find { it.name == 'issuing' }.isDefault", equalTo(true))
                .body("find { it.name == 'issuing' }.parent", equalTo("root"))
                .body("find { it.name == 'issuing' }.algorithm", equalTo("ec-p256-sha256"));
        long issuing = ((Number) as(Role.AUDITOR).get("/api/v1/cas").then().extract()
                .path("find { it.name == 'issuing' }.id")).longValue();
        List<X509CertificateHolder> chain = Pem.readCertificates(
                as(Role.AUDITOR).get("/api/v1/cas/" + issuing + "/chain").then().statusCode(200).extract().asString());
        assertEquals(2, chain.size());
        assertEquals(chain.get(1).getSubject(), chain.get(0).getIssuer());
    }

    @Test
    void anAdministratorAddsAnIssuingCaUnderTheRootAndMayMakeItTheDefault() {
        String name = Fixtures.caName("issuing");
        long previous = defaultCa();
        long created = ((Number) as(Role.ADMIN).contentType(ContentType.JSON)
                .body(Map.of("name", name, "subject", "CN=Test Issuing " + name + ",O=PumpPKI", "role", "issuing",
                        "parent", "root", "algorithm", "ec-p384-sha384", "validityDays", 1000))
                .post("/api/v1/cas").then().statusCode(201)
                .body("status", equalTo("active")).body("isDefault", equalTo(false)).body("algorithm", equalTo("ec-p384-sha384"))
                .extract().path("id")).longValue();
        try {
            as(Role.ADMIN).post("/api/v1/cas/" + created + "/default").then().statusCode(200).body("isDefault", equalTo(true));
            String serial = EnrolledPump.enroll("NEWCA").serial();
            as(Role.AUDITOR).get("/api/v1/certificates/" + serial).then().body("issuer", equalTo(name));
        } finally {
            as(Role.ADMIN).post("/api/v1/cas/" + previous + "/default").then().statusCode(200);
        }
        as(Role.ADMIN).contentType(ContentType.JSON)
                .body(Map.of("name", name, "subject", "CN=Again", "role", "issuing", "parent", "root"))
                .post("/api/v1/cas").then().statusCode(409).body("type", equalTo("urn:pumppki:problem:duplicate-ca-name"));
    }

    @Test
    void anIssuingCaForAnEnterpriseRootWaitsForItsCertificateAndChecksIt() throws Exception {
        String name = Fixtures.caName("enterprise");
        long id = ((Number) as(Role.ADMIN).contentType(ContentType.JSON)
                .body(Map.of("name", name, "subject", "CN=" + name + ",O=General Hospital", "role", "issuing", "parent", "external"))
                .post("/api/v1/cas").then().statusCode(201).body("status", equalTo("pending")).extract().path("id")).longValue();
        String csrPem = as(Role.ADMIN).get("/api/v1/cas/" + id + "/csr").then().statusCode(200).extract().asString();
        PKCS10CertificationRequest csr;
        try (var reader = new org.bouncycastle.util.io.pem.PemReader(new java.io.StringReader(csrPem))) {
            csr = new PKCS10CertificationRequest(reader.readPemObject().getContent());
        }

        TestPki enterprise = TestPki.create(AlgorithmPreset.EC_P256_SHA256);
        X509CertificateHolder signed = signByRoot(enterprise, csr, "CN=" + name + ",O=General Hospital");

        String wrongAnchor = Pem.certificates(List.of(signed, strangerRoot()));
        as(Role.ADMIN).contentType("application/x-pem-file").body(bytes(wrongAnchor)).post("/api/v1/cas/" + id + "/certificate")
                .then().statusCode(422).body("type", equalTo("urn:pumppki:problem:chain-not-trusted"));
        X509CertificateHolder otherKey = enterprise.issuingCertificate();
        as(Role.ADMIN).contentType("application/x-pem-file").body(bytes(Pem.certificates(List.of(otherKey, enterprise.rootCertificate()))))
                .post("/api/v1/cas/" + id + "/certificate")
                .then().statusCode(422).body("type", equalTo("urn:pumppki:problem:key-mismatch"));
        as(Role.ADMIN).contentType("application/x-pem-file").body(bytes("not pem")).post("/api/v1/cas/" + id + "/certificate")
                .then().statusCode(400);
        as(Role.AUDITOR).get("/api/v1/cas/" + id).then().body("status", equalTo("pending"));

        as(Role.ADMIN).contentType("application/x-pem-file").body(bytes(Pem.certificates(List.of(signed, enterprise.rootCertificate()))))
                .post("/api/v1/cas/" + id + "/certificate")
                .then().statusCode(200).body("status", equalTo("active")).body("parent", org.hamcrest.Matchers.startsWith("external-root"));
        as(Role.AUDITOR).get("/api/v1/cas").then().body("name", hasItem(name));
        assertEquals(2, Pem.readCertificates(as(Role.AUDITOR).get("/api/v1/cas/" + id + "/chain").then().extract().asString()).size());
        as(Role.ADMIN).get("/api/v1/cas/" + id + "/csr").then().statusCode(409);
    }

    @Test
    void onlyAdministratorsChangeTheHierarchy() {
        as(Role.BIOMED).contentType(ContentType.JSON).body(Map.of("name", "nope", "subject", "CN=Nope", "role", "root"))
                .post("/api/v1/cas").then().statusCode(403);
        as(Role.ADMIN).contentType(ContentType.JSON).body(Map.of("name", "Bad Name", "subject", "CN=x", "role", "root"))
                .post("/api/v1/cas").then().statusCode(400).body("type", equalTo("urn:pumppki:problem:invalid-ca-name"));
        as(Role.ADMIN).contentType(ContentType.JSON).body(Map.of("name", "badsubject", "subject", "no equals sign", "role", "root"))
                .post("/api/v1/cas").then().statusCode(400).body("type", equalTo("urn:pumppki:problem:invalid-subject"));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static long defaultCa() {
        return ((Number) as(Role.AUDITOR).get("/api/v1/cas").then().extract().path("find { it.isDefault }.id")).longValue();
    }

    /** A root unrelated to the enterprise root (TestPki reuses its keys across instances). */
    private static X509CertificateHolder strangerRoot() throws Exception {
        java.security.KeyPair key = Devices.newKey();
        CaCertificateSpec spec = new CaCertificateSpec(new X500Name("CN=Stranger Root"), BigInteger.TEN,
                Instant.now().minus(Duration.ofMinutes(5)), Duration.ofDays(365), OptionalInt.empty());
        return CaCertificateFactory.selfSignedRoot(spec,
                org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(key.getPublic().getEncoded()),
                new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate()));
    }

    private static X509CertificateHolder signByRoot(TestPki enterprise, PKCS10CertificationRequest csr, String subject)
            throws Exception {
        CaCertificateSpec spec = new CaCertificateSpec(new X500Name(subject), BigInteger.valueOf(System.nanoTime()).abs().add(BigInteger.ONE),
                Instant.now().minus(Duration.ofMinutes(5)), Duration.ofDays(365), OptionalInt.of(0));
        return CaCertificateFactory.issuingCa(spec, csr.getSubjectPublicKeyInfo(), enterprise.rootCertificate(),
                new JcaContentSignerBuilder("SHA256withECDSA").build(enterprise.rootKeyPair().getPrivate()), TestPki.ROOT_URLS);
    }
}
