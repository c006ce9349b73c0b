package org.pumppki.server.interop;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.api.Test;
import org.pumppki.ca.crypto.CertIdHash;
import org.pumppki.ca.testing.TestOcspRequest;
import org.pumppki.server.testing.EnrolledPump;

/**
 * The same logins as {@link FreeRadiusInteropTest} with responder certificates holding Ed25519
 * keys ({@code pki.ocsp.responder-key=ed25519}) under the EC P-256 CAs: FreeRADIUS, through
 * OpenSSL, verifies every Ed25519-signed answer (hard fail, a nonce in every request), lets good
 * pumps in and refuses revoked and held ones.
 */
@QuarkusTest
@TestProfile(FreeRadiusEd25519ResponderInteropTest.Ed25519Responder.class)
class FreeRadiusEd25519ResponderInteropTest extends FreeRadiusInteropTest {

    public static class Ed25519Responder implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pki.ocsp.responder-key", "ed25519");
        }
    }

    @Test
    void answersAreSignedWithTheResponderEd25519Key() throws Exception {
        EnrolledPump pump = EnrolledPump.enroll("ED25519-OCSP");
        byte[] request = TestOcspRequest.create().certId(pump.issuingCa(), pump.serialNumber(), CertIdHash.SHA1)
                .nonce(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}).der();

        byte[] body = given().contentType("application/ocsp-request").body(request).post("/ocsp")
                .then().statusCode(200).extract().asByteArray();

        BasicOCSPResp response = (BasicOCSPResp) new OCSPResp(body).getResponseObject();
        assertEquals(EdECObjectIdentifiers.id_Ed25519, response.getSignatureAlgOID());
        X509CertificateHolder responder = response.getCerts()[0];
        assertEquals(EdECObjectIdentifiers.id_Ed25519, responder.getSubjectPublicKeyInfo().getAlgorithm().getAlgorithm());
        assertTrue(responder.isSignatureValid(new JcaContentVerifierProviderBuilder().build(pump.issuingCa())),
                "the responder certificate is issued by the pump's EC issuing CA");
        assertTrue(response.isSignatureValid(new JcaContentVerifierProviderBuilder().build(responder)));
    }
}
