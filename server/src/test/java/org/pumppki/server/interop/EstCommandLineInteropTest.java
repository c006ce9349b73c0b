package org.pumppki.server.interop;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.pumppki.server.testing.Api.as;

import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pumppki.ca.security.Role;
import org.pumppki.server.testing.Devices;
import org.pumppki.server.testing.Fixtures;
import org.pumppki.server.testing.Https;
import org.pumppki.server.testing.ToolCli;

/**
 * PumpPKI's HTTPS listener and EST as the command line sees them: {@code openssl s_client} verifies
 * the listener's certificate against the root, {@code curl} enrolls a pump with a base64 PKCS#10
 * and its one-time code, {@code openssl pkcs7} reads the answer, and {@code curl --cert}
 * re-enrolls with the issued certificate.
 */
@QuarkusTest
class EstCommandLineInteropTest {

    @TempDir
    Path workDir;

    private ToolCli openssl;
    private ToolCli curl;

    @BeforeEach
    void requireTools() throws Exception {
        openssl = ToolCli.openssl(workDir);
        curl = ToolCli.curl(workDir);
        openssl.write("root.pem", org.pumppki.ca.crypto.Pem.certificate(
                new org.bouncycastle.cert.X509CertificateHolder(Https.root().getEncoded())).getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void theListenerCertificateVerifiesAgainstTheRootAndOnlyTls12AndLaterAreSpoken() {
        ToolCli.Result verified = openssl.run("s_client", "-connect", "localhost:" + Https.port(), "-CAfile", "root.pem",
                "-verify_return_error", "-verify_hostname", "localhost", "-brief");
        ToolCli.Result tls11 = openssl.run("s_client", "-connect", "localhost:" + Https.port(), "-CAfile", "root.pem",
                "-tls1_1", "-brief");

        assertEquals(0, verified.exitCode(), verified::toString);
        assertThat(verified.output(), containsString("Verification: OK"));
        assertNotEquals(0, tls11.exitCode(), tls11::toString);
    }

    @Test
    void aPumpEnrollsWithCurlAndReenrollsWithItsCertificate() {
        String serial = Fixtures.serial("CURL");
        String deviceId = Devices.registerPump(serial);
        String code = as(Role.BIOMED).post("/api/v1/devices/{id}/enrollment-codes", deviceId).then().statusCode(201)
                .extract().path("code");
        String est = "https://localhost:" + Https.port() + "/.well-known/est/";

        succeeds(openssl.run("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", "pump.key", "-subj", "/CN=" + serial, "-outform", "DER", "-out", "pump.csr.der"));
        succeeds(openssl.run("base64", "-in", "pump.csr.der", "-out", "pump.csr.b64"));
        succeeds(curl.run("--silent", "--show-error", "--fail", "--cacert", "root.pem", "--user", serial + ":" + code,
                "--header", "Content-Type: application/pkcs10", "--data-binary", "@pump.csr.b64",
                "--output", "pump.p7.b64", est + "simpleenroll"));
        succeeds(openssl.run("base64", "-d", "-in", "pump.p7.b64", "-out", "pump.p7.der"));
        succeeds(openssl.run("pkcs7", "-inform", "DER", "-in", "pump.p7.der", "-print_certs", "-out", "pump.pem"));
        succeeds(curl.run("--silent", "--show-error", "--fail", "--cacert", "root.pem", "--output", "ca.p7.b64",
                est + "cacerts"));
        succeeds(openssl.run("base64", "-d", "-in", "ca.p7.b64", "-out", "ca.p7.der"));
        succeeds(openssl.run("pkcs7", "-inform", "DER", "-in", "ca.p7.der", "-print_certs", "-out", "chain.pem"));

        ToolCli.Result verify = succeeds(openssl.run("verify", "-CAfile", "root.pem", "-untrusted", "chain.pem",
                "-purpose", "sslclient", "pump.pem"));
        assertEquals("pump.pem: OK", verify.stdout().strip(), verify::toString);
        assertThat(succeeds(openssl.run("x509", "-in", "pump.pem", "-noout", "-subject")).stdout(),
                containsString("serialNumber = " + serial));

        succeeds(openssl.run("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", "next.key", "-subj", "/CN=" + serial + "/serialNumber=" + serial, "-outform", "DER", "-out", "next.csr.der"));
        succeeds(openssl.run("base64", "-in", "next.csr.der", "-out", "next.csr.b64"));
        succeeds(curl.run("--silent", "--show-error", "--fail", "--cacert", "root.pem", "--cert", "pump.pem", "--key", "pump.key",
                "--header", "Content-Type: application/pkcs10", "--data-binary", "@next.csr.b64",
                "--output", "next.p7.b64", est + "simplereenroll"));
        succeeds(openssl.run("base64", "-d", "-in", "next.p7.b64", "-out", "next.p7.der"));
        succeeds(openssl.run("pkcs7", "-inform", "DER", "-in", "next.p7.der", "-print_certs", "-out", "next.pem"));

        String oldSerial = succeeds(openssl.run("x509", "-in", "pump.pem", "-noout", "-serial")).stdout();
        String newSerial = succeeds(openssl.run("x509", "-in", "next.pem", "-noout", "-serial")).stdout();
        assertNotEquals(oldSerial, newSerial);
        assertEquals(succeeds(openssl.run("pkey", "-in", "next.key", "-pubout")).stdout(),
                succeeds(openssl.run("x509", "-in", "next.pem", "-noout", "-pubkey")).stdout());
        as(Role.AUDITOR).get("/api/v1/certificates/{serial}", newSerial.strip().substring("serial=".length()).toLowerCase())
                .then().statusCode(200).body("replaces", org.hamcrest.Matchers.equalTo(
                        oldSerial.strip().substring("serial=".length()).toLowerCase()));
    }

    private static ToolCli.Result succeeds(ToolCli.Result result) {
        assertEquals(0, result.exitCode(), result::toString);
        return result;
    }
}
