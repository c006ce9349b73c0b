package org.pumppki.server.api;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.pumppki.server.testing.Api.as;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pumppki.ca.config.PkiConfig;
import org.pumppki.ca.security.Role;
import org.pumppki.ca.service.audit.AuditCheckpointExport;
import org.pumppki.ca.service.authority.CertificateAuthorities;
import org.pumppki.server.testing.Devices;
import org.pumppki.server.testing.Fixtures;
import org.pumppki.server.testing.ToolCli;

@QuarkusTest
class AuditCheckpointTest {

    @TempDir
    Path workDir;

    @Inject
    PkiConfig config;

    @Inject
    CertificateAuthorities authorities;

    @Test
    void aCheckpointVerifiesWithOpenSslAgainstTheRootAndATamperedOneDoesNot() throws Exception {
        Devices.registerPump(Fixtures.serial("CMS"));
        var created = as(Role.ADMIN).post("/api/v1/audit/checkpoints").then().statusCode(201).extract();
        int id = created.path("id");
        String eventHash = created.path("eventHash");
        byte[] cms = as(Role.AUDITOR).get("/api/v1/audit/checkpoints/" + id)
                .then().statusCode(200).contentType("application/pkcs7-mime").extract().asByteArray();

        ToolCli openssl = ToolCli.openssl(workDir);
        List<X509CertificateHolder> chain = authorities.issuingChain(Optional.empty());
        openssl.writePem("root.pem", chain.get(chain.size() - 1));
        openssl.write("checkpoint.p7m", cms);
        ToolCli.Result verified = openssl.run("cms", "-verify", "-inform", "DER", "-in", "checkpoint.p7m",
                "-CAfile", "root.pem", "-purpose", "any", "-out", "content.json");
        assertEquals(0, verified.exitCode(), verified::toString);
        assertThat(verified.output(), containsString("Verification successful"));
        String content = new String(openssl.read("content.json"), StandardCharsets.UTF_8);
        assertThat(content, containsString("\"checkpoint\":" + id + ","));
        assertThat(content, containsString("\"eventHash\":\"" + eventHash + "\""));

        openssl.write("tampered.p7m", withOneHexDigitChanged(cms, eventHash));
        ToolCli.Result tampered = openssl.run("cms", "-verify", "-inform", "DER", "-in", "tampered.p7m",
                "-CAfile", "root.pem", "-purpose", "any", "-out", "tampered.json");
        assertNotEquals(0, tampered.exitCode(), tampered::toString);
        assertThat(tampered.output(), containsString("Verification failure"));
    }

    @Test
    void theSignerIsADocumentSigningCertificateOfTheIssuingCaNotACaKey() throws Exception {
        Devices.registerPump(Fixtures.serial("SIGNER"));
        int id = as(Role.ADMIN).post("/api/v1/audit/checkpoints").then().statusCode(201).extract().path("id");
        CMSSignedData signed = new CMSSignedData(as(Role.ADMIN).get("/api/v1/audit/checkpoints/" + id)
                .then().statusCode(200).extract().asByteArray());
        SignerInformation signerInfo = signed.getSignerInfos().getSigners().iterator().next();
        @SuppressWarnings("unchecked")
        Collection<X509CertificateHolder> matches = signed.getCertificates().getMatches(signerInfo.getSID());
        X509CertificateHolder signer = matches.iterator().next();

        X509CertificateHolder issuing = authorities.issuingChain(Optional.empty()).get(0);
        assertEquals(issuing.getSubject(), signer.getIssuer());
        assertNotEquals(issuing.getSubjectPublicKeyInfo(), signer.getSubjectPublicKeyInfo());
        assertEquals(new KeyUsage(KeyUsage.digitalSignature), KeyUsage.fromExtensions(signer.getExtensions()));
        assertEquals(List.of(KeyPurposeId.id_kp_documentSigning),
                List.of(ExtendedKeyUsage.fromExtensions(signer.getExtensions()).getUsages()));
    }

    @Test
    void oneCheckpointPerHeadHoweverOftenItIsRequested() throws Exception {
        Devices.registerPump(Fixtures.serial("ONCE"));
        int id = as(Role.ADMIN).post("/api/v1/audit/checkpoints").then().statusCode(201).extract().path("id");
        as(Role.ADMIN).post("/api/v1/audit/checkpoints").then().statusCode(200).body("id", equalTo(id));

        as(Role.AUDITOR).get("/api/v1/audit/checkpoints").then().statusCode(200).body("items[0].id", equalTo(id));
        as(Role.AUDITOR).queryParam("action", "audit.checkpoint-created").queryParam("targetId", String.valueOf(id))
                .get("/api/v1/audit").then().statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].actor", equalTo("test-admin"));
    }

    @Test
    void eachCheckpointIsWrittenToTheCheckpointDirectory() throws Exception {
        Devices.registerPump(Fixtures.serial("EXPORT"));
        int id = as(Role.ADMIN).post("/api/v1/audit/checkpoints").then().statusCode(201).extract().path("id");
        byte[] cms = as(Role.AUDITOR).get("/api/v1/audit/checkpoints/" + id).then().extract().asByteArray();
        Path file = AuditCheckpointExport.directory(config).resolve(AuditCheckpointExport.fileName(id));
        assertArrayEquals(cms, Files.readAllBytes(file));
    }

    @Test
    void onlyAdminsCheckpointAndOnlyAuditorsAndAdminsReadCheckpoints() {
        as(Role.BIOMED).post("/api/v1/audit/checkpoints").then().statusCode(403).contentType("application/problem+json");
        as(Role.AUDITOR).post("/api/v1/audit/checkpoints").then().statusCode(403).contentType("application/problem+json");
        as(Role.BIOMED).get("/api/v1/audit/checkpoints").then().statusCode(403);
        as(Role.AUDITOR).get("/api/v1/audit/checkpoints").then().statusCode(200);
        as(Role.ADMIN).get("/api/v1/audit/checkpoints").then().statusCode(200);
    }

    @Test
    void anUnknownCheckpointIsNotFound() {
        as(Role.AUDITOR).get("/api/v1/audit/checkpoints/999999999").then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:pumppki:problem:audit-checkpoint-not-found"));
    }

    /** The CMS with one digit of the signed event hash changed, so that the digest no longer matches. */
    private static byte[] withOneHexDigitChanged(byte[] cms, String eventHash) {
        byte[] needle = eventHash.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i + needle.length <= cms.length; i++) {
            if (java.util.Arrays.equals(cms, i, i + needle.length, needle, 0, needle.length)) {
                byte[] tampered = cms.clone();
                tampered[i] = (byte) (tampered[i] == '0' ? '1' : '0');
                return tampered;
            }
        }
        throw new AssertionError("The CMS does not embed the event hash");
    }
}
