package org.pumppki.server.revocation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pumppki.server.testing.Api.as;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509CRLEntryHolder;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.pumppki.ca.crypto.Pem;
import org.pumppki.ca.security.Role;
import org.pumppki.server.testing.EnrolledPump;

/** CRLs and CA certificates at the plain-HTTP URLs written into every certificate. */
@QuarkusTest
class CrlResourceTest {

    private static final String CRL_TYPE = "application/pkix-crl";
    private static final String CERT_TYPE = "application/pkix-cert";

    @ConfigProperty(name = "pki.ca.issuing.name")
    String issuingCaName;

    @ConfigProperty(name = "pki.ca.root.name")
    String rootCaName;

    @Test
    void crlNumbersStrictlyIncreaseAcrossPublications() {
        EnrolledPump revoked = EnrolledPump.enroll("CRL-NUMBER");
        EnrolledPump held = EnrolledPump.enroll("CRL-NUMBER");
        BigInteger first = crlNumber(crl(revoked.issuer()));

        revoke(revoked, "keyCompromise");
        BigInteger second = crlNumber(crl(revoked.issuer()));
        hold(held);
        BigInteger third = crlNumber(crl(held.issuer()));

        assertThat(second, greaterThan(first));
        assertThat(third, greaterThan(second));
    }

    @Test
    void theCrlIsAV2CrlSignedByTheIssuingCa() throws Exception {
        EnrolledPump pump = EnrolledPump.enroll("CRL-SHAPE");
        X509CertificateHolder issuingCa = pump.issuingCa();

        X509CRLHolder crl = crl(pump.issuer());

        assertAll(
                () -> assertTrue(crl.isSignatureValid(new JcaContentVerifierProviderBuilder().build(issuingCa))),
                () -> assertEquals(issuingCa.getSubject(), crl.getIssuer()),
                () -> assertEquals(2, crl.toASN1Structure().getVersionNumber()),
                () -> assertArrayEquals(SubjectKeyIdentifier.fromExtensions(issuingCa.getExtensions()).getKeyIdentifier(),
                        AuthorityKeyIdentifier.fromExtensions(crl.getExtensions()).getKeyIdentifier(), "AKI = the CA's SKI"),
                () -> assertNotNull(crl.getExtension(Extension.cRLNumber), "cRLNumber"),
                () -> assertTrue(crl.getThisUpdate().before(crl.getNextUpdate()), "thisUpdate before nextUpdate"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"keyCompromise, 1", "cACompromise, 2", "affiliationChanged, 3", "superseded, 4",
            "cessationOfOperation, 5", "privilegeWithdrawn, 9", "aACompromise, 10"})
    void aRevokedCertificateIsListedWithItsReason(String reason, int code) {
        EnrolledPump pump = EnrolledPump.enroll("CRL-REVOKED");
        Instant revokedAt = revoke(pump, reason);

        X509CRLEntryHolder entry = crl(pump.issuer()).getRevokedCertificate(pump.serialNumber());

        assertNotNull(entry, "no CRL entry for " + pump.serial());
        assertEquals(code, reasonCode(entry));
        assertEquals(revokedAt.getEpochSecond(), entry.getRevocationDate().toInstant().getEpochSecond());
    }

    @Test
    void anUnspecifiedRevocationIsListedWithoutAReasonCode() {
        EnrolledPump pump = EnrolledPump.enroll("CRL-UNSPECIFIED");
        revoke(pump, "unspecified");

        X509CRLHolder crl = crl(pump.issuer());

        X509CRLEntryHolder entry = crl.getRevokedCertificate(pump.serialNumber());
        assertNotNull(entry, "no CRL entry for " + pump.serial());
        assertNull(entry.getExtensions() == null ? null : entry.getExtensions().getExtension(Extension.reasonCode),
                "RFC 5280 §5.3.1: omit reasonCode rather than write unspecified");
        List<String> unspecified = ((Collection<?>) crl.getRevokedCertificates()).stream().map(X509CRLEntryHolder.class::cast)
                .filter(e -> e.getExtensions() != null && e.getExtensions().getExtension(Extension.reasonCode) != null)
                .filter(e -> reasonCode(e) == CRLReason.unspecified)
                .map(e -> e.getSerialNumber().toString(16)).toList();
        assertEquals(List.of(), unspecified, "entries carrying reasonCode unspecified");
    }

    @Test
    void aHeldCertificateIsListedAsCertificateHoldUntilReleased() {
        EnrolledPump pump = EnrolledPump.enroll("CRL-HOLD");
        assertNull(crl(pump.issuer()).getRevokedCertificate(pump.serialNumber()), "a valid certificate is not listed");

        hold(pump);
        X509CRLEntryHolder held = crl(pump.issuer()).getRevokedCertificate(pump.serialNumber());
        assertNotNull(held, "no CRL entry for the held certificate");
        assertEquals(CRLReason.certificateHold, reasonCode(held));

        as(Role.BIOMED).post("/api/v1/certificates/{serial}/release", pump.serial()).then().statusCode(200);
        assertNull(crl(pump.issuer()).getRevokedCertificate(pump.serialNumber()), "still listed after release");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/crl/no-such-ca.crl", "/ca/no-such-ca.crt"})
    void anUnknownCaIsNotFound(String path) {
        given().get(path)
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:pumppki:problem:ca-not-found"))
                .body("status", equalTo(404));
    }

    @ParameterizedTest
    @ValueSource(strings = {"issuing", "root"})
    void publishesEachCaCertificateAsTheDerOfItsChain(String role) {
        String name = role.equals("root") ? rootCaName : issuingCaName;
        long id = as(Role.AUDITOR).get("/api/v1/cas").then().statusCode(200)
                .extract().jsonPath().getLong("find { it.name == '" + name + "' }.id");
        List<X509CertificateHolder> chain = Pem.readCertificates(as(Role.AUDITOR).get("/api/v1/cas/{id}/chain", id)
                .then().statusCode(200).extract().asString());

        byte[] published = given().get("/ca/{ca}.crt", name)
                .then().statusCode(200).contentType(CERT_TYPE).extract().asByteArray();

        assertArrayEquals(encoded(chain.get(0)), published);
        assertEquals(role.equals("root") ? 1 : 2, chain.size());
    }

    @Test
    void theUrlsInAPumpCertificateServeItsIssuerAndItsCrl() throws Exception {
        EnrolledPump pump = EnrolledPump.enroll("CRL-URLS");
        String caIssuers = caIssuersUrl(pump.certificate());
        String crlDistributionPoint = crlDistributionPointUrl(pump.certificate());

        byte[] issuer = given().get(caIssuers).then().statusCode(200).contentType(CERT_TYPE).extract().asByteArray();
        byte[] crl = given().get(crlDistributionPoint).then().statusCode(200).contentType(CRL_TYPE)
                .header("Cache-Control", containsString("max-age=")).extract().asByteArray();

        assertArrayEquals(encoded(pump.issuingCa()), issuer);
        assertTrue(new X509CRLHolder(crl).isSignatureValid(new JcaContentVerifierProviderBuilder().build(pump.issuingCa())));
    }

    private static X509CRLHolder crl(String caName) {
        byte[] der = given().get("/crl/{ca}.crl", caName)
                .then().statusCode(200).contentType(CRL_TYPE).extract().asByteArray();
        try {
            return new X509CRLHolder(der);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BigInteger crlNumber(X509CRLHolder crl) {
        return CRLNumber.getInstance(crl.getExtension(Extension.cRLNumber).getParsedValue()).getCRLNumber();
    }

    private static int reasonCode(X509CRLEntryHolder entry) {
        return CRLReason.getInstance(entry.getExtensions().getExtension(Extension.reasonCode).getParsedValue())
                .getValue().intValueExact();
    }

    private static Instant revoke(EnrolledPump pump, String reason) {
        return Instant.parse(as(Role.BIOMED).contentType(ContentType.JSON).body(Map.of("reason", reason))
                .post("/api/v1/certificates/{serial}/revoke", pump.serial())
                .then().statusCode(200).extract().path("revokedAt"));
    }

    private static void hold(EnrolledPump pump) {
        as(Role.BIOMED).post("/api/v1/certificates/{serial}/hold", pump.serial())
                .then().statusCode(200).body("status", equalTo("on-hold"));
    }

    private static String caIssuersUrl(X509CertificateHolder certificate) {
        AccessDescription[] descriptions = AuthorityInformationAccess.fromExtensions(certificate.getExtensions())
                .getAccessDescriptions();
        return Arrays.stream(descriptions).filter(d -> d.getAccessMethod().equals(AccessDescription.id_ad_caIssuers))
                .map(d -> uri(d.getAccessLocation())).findFirst().orElseThrow();
    }

    private static String crlDistributionPointUrl(X509CertificateHolder certificate) {
        CRLDistPoint points = CRLDistPoint.getInstance(certificate.getExtension(Extension.cRLDistributionPoints).getParsedValue());
        GeneralNames names = GeneralNames.getInstance(points.getDistributionPoints()[0].getDistributionPoint().getName());
        return uri(names.getNames()[0]);
    }

    private static String uri(GeneralName name) {
        assertEquals(GeneralName.uniformResourceIdentifier, name.getTagNo());
        return name.getName().toString();
    }

    private static byte[] encoded(X509CertificateHolder certificate) {
        try {
            return certificate.getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
