package org.pumppki.server.interop;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.pumppki.server.testing.Api.as;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.math.BigInteger;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.bouncycastle.cert.X509CertificateHolder;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pumppki.ca.crypto.AlgorithmPreset;
import org.pumppki.ca.crypto.Pem;
import org.pumppki.ca.security.Role;
import org.pumppki.ca.testing.TestPki;
import org.pumppki.server.testing.EnrolledPump;
import org.pumppki.server.testing.Fixtures;
import org.pumppki.server.testing.ToolCli;

/**
 * OpenSSL as the independent parser and relying party: it verifies certificate chains, reads the
 * pump profile, checks CRLs, opens PKCS#12 files and asks the OCSP responder over HTTP.
 */
@QuarkusTest
class OpenSslInteropTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path workDir;

    @TestHTTPResource("/")
    URL baseUrl;

    @ConfigProperty(name = "pki.ocsp.not-issued")
    String notIssuedAnswer;

    @ConfigProperty(name = "pki.profiles.pump.hardware-module-type")
    String hardwareModuleType;

    private ToolCli openssl;

    @BeforeEach
    void requireOpenSsl() {
        openssl = ToolCli.openssl(workDir);
    }

    // --- certificates --------------------------------------------------------------------------

    @Test
    void verifiesAPumpCertificateUpToTheRootForTlsClientUse() {
        writeFiles(EnrolledPump.enroll("OSSL-VERIFY"));

        ToolCli.Result verify = openssl.run("verify", "-CAfile", "root.pem", "-untrusted", "issuing.pem",
                "-purpose", "sslclient", "pump.pem");

        assertEquals(0, verify.exitCode(), verify::toString);
        assertEquals("pump.pem: OK", verify.stdout().strip(), verify::toString);
    }

    @Test
    void showsThePumpProfileInTheCertificateText() {
        EnrolledPump pump = EnrolledPump.enroll("OSSL-TEXT");
        writeFiles(pump);
        String origin = "http://localhost:" + baseUrl.getPort();

        String text = openssl.run("x509", "-in", "pump.pem", "-noout", "-text").stdout();

        assertAll(
                () -> assertThat(text, containsString("serialNumber = " + pump.deviceSerial())),
                () -> assertThat(text, containsString("TLS Web Client Authentication")),
                () -> assertThat("EAP over LAN EKU", text, anyOf(containsString("EAP over Lan"), containsString("1.3.6.1.5.5.7.3.14"))),
                () -> assertThat("hardwareModuleName otherName", text, anyOf(
                        containsString("1.3.6.1.5.5.7.8.4"), containsString("HardwareModuleName"), containsString("hardwareModuleName"))),
                () -> assertThat(text, containsString("Authority Information Access")),
                () -> assertThat(text, containsString("OCSP - URI:" + origin + "/ocsp")),
                () -> assertThat(text, containsString("CA Issuers - URI:" + origin + "/ca/" + pump.issuer() + ".crt")),
                () -> assertThat(text, containsString("X509v3 CRL Distribution Points")),
                () -> assertThat(text, containsString("URI:" + origin + "/crl/" + pump.issuer() + ".crl")));
    }

    /** OpenSSL 3.0 prints the otherName as unsupported; its DER shows the RFC 4108 structure. */
    @Test
    void theHardwareModuleNameCarriesTheHardwareTypeAndThePumpSerial() {
        EnrolledPump pump = EnrolledPump.enroll("OSSL-HWMN");
        writeFiles(pump);

        ToolCli.Result san = openssl.run("asn1parse", "-in", "pump.pem", "-strparse", sanOffset("pump.pem"));

        assertEquals(0, san.exitCode(), san::toString);
        assertThat(san.stdout(), allOf(containsString("cont [ 0 ]"),
                anyOf(containsString(":1.3.6.1.5.5.7.8.4"), containsString("hardwareModuleName")),
                containsString("OBJECT            :" + hardwareModuleType),
                containsString("OCTET STRING      :" + pump.deviceSerial())));
    }

    // --- CRLs ----------------------------------------------------------------------------------

    @Test
    void readsTheCrlNumberAndAuthorityKeyIdentifierAndVerifiesTheSignature() {
        EnrolledPump pump = EnrolledPump.enroll("OSSL-CRL");
        writeFiles(pump);
        openssl.write("crl.der", crlOf(pump));
        String subjectKeyId = openssl.run("x509", "-in", "issuing.pem", "-noout", "-ext", "subjectKeyIdentifier")
                .stdout().lines().skip(1).findFirst().orElseThrow().strip();

        ToolCli.Result text = openssl.run("crl", "-inform", "DER", "-in", "crl.der", "-noout", "-text");
        ToolCli.Result verify = openssl.run("crl", "-inform", "DER", "-in", "crl.der", "-noout", "-CAfile", "chain.pem");

        assertEquals(0, text.exitCode(), text::toString);
        assertThat(text.stdout(), allOf(containsString("Certificate Revocation List (CRL):"), containsString("Version 2"),
                containsString("X509v3 CRL Number"), containsString("X509v3 Authority Key Identifier"),
                containsString(subjectKeyId), containsString("Next Update:")));
        assertEquals(0, verify.exitCode(), verify::toString);
        assertThat(verify.output(), containsString("verify OK"));
    }

    @Test
    void crlCheckRejectsTheRevokedPumpAndAcceptsTheOther() {
        EnrolledPump revoked = EnrolledPump.enroll("OSSL-CRLCHECK");
        EnrolledPump good = EnrolledPump.enroll("OSSL-CRLCHECK");
        assertEquals(revoked.issuer(), good.issuer());
        writeFiles(revoked);
        openssl.writePem("good.pem", good.certificate());
        revoke(revoked, "keyCompromise");
        openssl.write("crl.pem", Pem.encode(Pem.CRL, crlOf(revoked)).getBytes(StandardCharsets.US_ASCII));

        ToolCli.Result rejected = openssl.run("verify", "-crl_check", "-CAfile", "root.pem", "-untrusted", "issuing.pem",
                "-CRLfile", "crl.pem", "pump.pem");
        ToolCli.Result accepted = openssl.run("verify", "-crl_check", "-CAfile", "root.pem", "-untrusted", "issuing.pem",
                "-CRLfile", "crl.pem", "good.pem");

        assertNotEquals(0, rejected.exitCode(), rejected::toString);
        assertThat(rejected.output(), containsString("certificate revoked"));
        assertEquals(0, accepted.exitCode(), accepted::toString);
        assertEquals("good.pem: OK", accepted.stdout().strip(), accepted::toString);
    }

    // --- PKCS#12 -------------------------------------------------------------------------------

    @Test
    void opensAServerGeneratedPkcs12WithoutTheLegacyProvider() {
        String passphrase = "correct-horse-battery-staple";
        String deviceId = as(Role.BIOMED).contentType(ContentType.JSON).body(Fixtures.pumpJson(Fixtures.serial("OSSL-P12")))
                .post("/api/v1/devices").then().statusCode(201).extract().path("id");
        Response pkcs12 = as(Role.BIOMED).contentType(ContentType.JSON)
                .body(Map.of("keyGeneration", Map.of("passphrase", passphrase, "algorithm", "ec-p256-sha256")))
                .post("/api/v1/devices/{id}/certificates", deviceId)
                .then().statusCode(201).contentType("application/x-pkcs12").extract().response();
        openssl.write("pump.p12", pkcs12.asByteArray());

        ToolCli.Result info = openssl.run("pkcs12", "-info", "-nokeys", "-in", "pump.p12", "-passin", "pass:" + passphrase);
        ToolCli.Result wrongPassphrase = openssl.run("pkcs12", "-info", "-nokeys", "-in", "pump.p12",
                "-passin", "pass:not-the-passphrase");

        assertEquals(0, info.exitCode(), info::toString);
        assertThat(info.output(), allOf(containsString("MAC: sha256"), containsString("PBES2, PBKDF2, AES-256-CBC"),
                containsString("PRF hmacWithSHA256"), not(containsString("RC2")), not(containsString("3DES")),
                not(containsString("pbeWithSHA1"))));
        X509CertificateHolder certificate = Pem.readCertificates(info.stdout()).get(0);
        assertEquals(pkcs12.header("X-Certificate-Serial"), certificate.getSerialNumber().toString(16));
        assertNotEquals(0, wrongPassphrase.exitCode(), wrongPassphrase::toString);
        assertThat(wrongPassphrase.output(), containsString("Mac verify error"));
    }

    // --- OCSP ----------------------------------------------------------------------------------

    @Test
    void ocspOverPostReportsAGoodPumpWithItsNonceEchoed() {
        writeFiles(EnrolledPump.enroll("OSSL-OCSP"));
        String responderUrl = ocspUrlOf("pump.pem");

        ToolCli.Result ocsp = ocsp("-url", responderUrl, "-cert", "pump.pem", "-resp_text");

        assertEquals(baseUrl + "ocsp", responderUrl);
        assertEquals(0, ocsp.exitCode(), ocsp::toString);
        assertThat(ocsp.stderr(), allOf(containsString("Response verify OK"), not(containsString("nonce"))));
        assertThat(ocsp.stdout(), allOf(containsString("pump.pem: good"), containsString("OCSP Nonce"),
                containsString("This Update:"), containsString("Next Update:")));
    }

    @Test
    void ocspOverPostWorksWithoutANonce() {
        writeFiles(EnrolledPump.enroll("OSSL-OCSP"));

        ToolCli.Result ocsp = ocsp("-url", ocspUrlOf("pump.pem"), "-cert", "pump.pem", "-no_nonce", "-resp_text");

        assertEquals(0, ocsp.exitCode(), ocsp::toString);
        assertThat(ocsp.stderr(), containsString("Response verify OK"));
        assertThat(ocsp.stdout(), allOf(containsString("pump.pem: good"), not(containsString("OCSP Nonce"))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"keyCompromise", "affiliationChanged", "superseded", "cessationOfOperation"})
    void ocspReportsARevokedPumpWithItsReason(String reason) {
        EnrolledPump pump = EnrolledPump.enroll("OSSL-OCSP-REVOKED");
        writeFiles(pump);
        revoke(pump, reason);

        ToolCli.Result ocsp = ocsp("-url", ocspUrlOf("pump.pem"), "-cert", "pump.pem");

        assertEquals(0, ocsp.exitCode(), ocsp::toString);
        assertThat(ocsp.stderr(), containsString("Response verify OK"));
        assertThat(ocsp.stdout(), allOf(containsString("pump.pem: revoked"), containsString("Reason: " + reason),
                containsString("Revocation Time:")));
    }

    @Test
    void ocspReportsAHeldPumpAsCertificateHoldAndGoodAgainAfterRelease() {
        EnrolledPump pump = EnrolledPump.enroll("OSSL-OCSP-HOLD");
        writeFiles(pump);
        as(Role.BIOMED).post("/api/v1/certificates/{serial}/hold", pump.serial()).then().statusCode(200);

        ToolCli.Result held = ocsp("-url", ocspUrlOf("pump.pem"), "-cert", "pump.pem");
        as(Role.BIOMED).post("/api/v1/certificates/{serial}/release", pump.serial()).then().statusCode(200);
        ToolCli.Result released = ocsp("-url", ocspUrlOf("pump.pem"), "-cert", "pump.pem");

        assertThat(held.toString(), held.stdout(), allOf(containsString("pump.pem: revoked"), containsString("Reason: certificateHold")));
        assertThat(released.toString(), released.stdout(), containsString("pump.pem: good"));
    }

    @Test
    void ocspAnswersANeverIssuedSerialAsConfigured() {
        writeFiles(EnrolledPump.enroll("OSSL-OCSP-NOT-ISSUED"));
        String serial = "0x" + new BigInteger(120, RANDOM).setBit(119).toString(16);

        ToolCli.Result ocsp = ocsp("-url", ocspUrlOf("pump.pem"), "-serial", serial);

        assertEquals(0, ocsp.exitCode(), ocsp::toString);
        assertThat(ocsp.stderr(), containsString("Response verify OK"));
        if ("revoked".equals(notIssuedAnswer)) {
            assertThat(ocsp.stdout(), allOf(containsString(serial + ": revoked"), containsString("Reason: certificateHold"),
                    containsString("Revocation Time: Jan  1 00:00:00 1970 GMT")));
        } else {
            assertThat(ocsp.stdout(), containsString(serial + ": unknown"));
        }
    }

    @Test
    void ocspRefusesAnIssuerItDoesNotServe() {
        TestPki foreign = TestPki.create(AlgorithmPreset.EC_P256_SHA256);
        openssl.writePem("foreign-issuing.pem", foreign.issuingCertificate());
        openssl.writePem("foreign-pump.pem", foreign.issuePump("FOREIGN-OSSL"));

        ToolCli.Result ocsp = openssl.run("ocsp", "-url", baseUrl + "ocsp", "-issuer", "foreign-issuing.pem",
                "-cert", "foreign-pump.pem", "-timeout", "30", "-noverify");

        assertThat(ocsp.toString(), ocsp.output(), anyOf(containsString("Responder Error: unauthorized"),
                containsString("foreign-pump.pem: unknown")));
    }

    @Test
    void ocspAnswersTheRequestOpenSslWroteWhenSentByGetWithCachingHeaders() {
        writeFiles(EnrolledPump.enroll("OSSL-OCSP-GET"));
        ToolCli.Result post = ocsp("-url", ocspUrlOf("pump.pem"), "-cert", "pump.pem", "-no_nonce", "-reqout", "request.der");
        assertEquals(0, post.exitCode(), post::toString);
        String path = URLEncoder.encode(Base64.getEncoder().encodeToString(openssl.read("request.der")), StandardCharsets.UTF_8);

        Response get = given().urlEncodingEnabled(false).get("/ocsp/" + path)
                .then().statusCode(200).contentType("application/ocsp-response").extract().response();
        openssl.write("response.der", get.asByteArray());
        ToolCli.Result read = ocsp("-respin", "response.der", "-cert", "pump.pem", "-no_nonce");

        assertThat(get.header("Cache-Control"), allOf(matchesPattern(".*max-age=\\d+.*"), containsString("public")));
        assertThat(get.header("Expires"), matchesPattern("\\w{3}, \\d{1,2} \\w{3} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT"));
        assertEquals(0, read.exitCode(), read::toString);
        assertThat(read.stderr(), containsString("Response verify OK"));
        assertThat(read.stdout(), containsString("pump.pem: good"));
    }

    @Test
    void theDelegatedResponderCertificateInTheResponseChainsToTheRoot() {
        writeFiles(EnrolledPump.enroll("OSSL-OCSP-SIGNER"));
        ocsp("-url", ocspUrlOf("pump.pem"), "-cert", "pump.pem", "-respout", "response.der");

        ToolCli.Result text = ocsp("-respin", "response.der", "-cert", "pump.pem", "-no_nonce", "-resp_text", "-noverify");
        openssl.write("responder.pem", firstCertificateIn(text.stdout()).getBytes(StandardCharsets.US_ASCII));
        ToolCli.Result verify = openssl.run("verify", "-CAfile", "root.pem", "-untrusted", "issuing.pem",
                "-purpose", "ocsphelper", "responder.pem");
        ToolCli.Result extensions = openssl.run("x509", "-in", "responder.pem", "-noout", "-text");

        assertThat("ResponderID byKey", text.stdout(), matchesPattern("(?s).*Responder Id: [0-9A-F]{40}\n.*"));
        assertEquals(0, verify.exitCode(), verify::toString);
        assertThat(extensions.stdout(), allOf(containsString("OCSP Signing"), containsString("OCSP No Check")));
    }

    // --- helpers -------------------------------------------------------------------------------

    /** pump.pem, issuing.pem, root.pem and chain.pem (issuing CA, then root) in the working directory. */
    private void writeFiles(EnrolledPump pump) {
        openssl.writePem("pump.pem", pump.certificate());
        openssl.writePem("issuing.pem", pump.issuingCa());
        openssl.writePem("root.pem", pump.root());
        openssl.writePem("chain.pem", pump.chain().toArray(X509CertificateHolder[]::new));
    }

    /** {@code openssl ocsp} trusting root.pem, with issuing.pem as issuer and as untrusted intermediate. */
    private ToolCli.Result ocsp(String... options) {
        List<String> command = new ArrayList<>(List.of("ocsp", "-issuer", "issuing.pem", "-CAfile", "root.pem",
                "-verify_other", "issuing.pem", "-timeout", "30"));
        command.addAll(List.of(options));
        return openssl.run(command.toArray(String[]::new));
    }

    private String ocspUrlOf(String certificateFile) {
        return openssl.run("x509", "-in", certificateFile, "-noout", "-ocsp_uri").stdout().strip();
    }

    /** The offset of the subjectAltName extension value, for {@code asn1parse -strparse}. */
    private String sanOffset(String certificateFile) {
        List<String> lines = openssl.run("asn1parse", "-in", certificateFile).stdout().lines().toList();
        for (int i = 0; i < lines.size() - 1; i++) {
            if (lines.get(i).contains("X509v3 Subject Alternative Name")) {
                String next = lines.get(i + 1);
                return next.substring(0, next.indexOf(':')).strip();
            }
        }
        throw new AssertionError("No subjectAltName in " + String.join("\n", lines));
    }

    private static String firstCertificateIn(String text) {
        int begin = text.indexOf("-----BEGIN CERTIFICATE-----");
        String end = "-----END CERTIFICATE-----";
        return text.substring(begin, text.indexOf(end, begin) + end.length()) + "\n";
    }

    private static byte[] crlOf(EnrolledPump pump) {
        return given().get("/crl/{ca}.crl", pump.issuer()).then().statusCode(200).extract().asByteArray();
    }

    private static void revoke(EnrolledPump pump, String reason) {
        as(Role.BIOMED).contentType(ContentType.JSON).body(Map.of("reason", reason))
                .post("/api/v1/certificates/{serial}/revoke", pump.serial()).then().statusCode(200);
    }
}
