package org.pumppki.server.testing;

import static io.restassured.RestAssured.given;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Map;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Asks an OCSP responder about one certificate the way a RADIUS server does: POST, SHA-1 CertID,
 * nonce; and checks the answer as a relying party would: the nonce echoed, the CertID the one asked
 * about, the signature made by a responder certificate that the issuer signed, that carries
 * id-kp-OCSPSigning and is valid now (RFC 6960 §4.2.2.2).
 */
public final class OcspProbe {

    private static final SecureRandom RANDOM = new SecureRandom();

    private OcspProbe() {
    }

    /** "good", "revoked" or "unknown"; fails if the response is not a successful, nonce-matching one. */
    public static String status(String ocspUrl, X509CertificateHolder issuer, BigInteger serial) throws Exception {
        return status(ocspUrl, issuer, serial, Map.of());
    }

    /** As {@link #status(String, X509CertificateHolder, BigInteger)}, with extra request headers. */
    public static String status(String ocspUrl, X509CertificateHolder issuer, BigInteger serial, Map<String, String> headers)
            throws Exception {
        CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                issuer, serial);
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        // RFC 8954: the extension value is an OCTET STRING holding the nonce, as OpenSSL sends it.
        byte[] nonceValue = new DEROctetString(nonce).getEncoded();
        byte[] request = new OCSPReqBuilder().addRequest(id)
                .setRequestExtensions(new Extensions(new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false,
                        new DEROctetString(nonceValue))))
                .build().getEncoded();
        byte[] body = given().headers(headers).contentType("application/ocsp-request").body(request).post(ocspUrl)
                .then().statusCode(200).contentType("application/ocsp-response").extract().asByteArray();
        OCSPResp response = new OCSPResp(body);
        if (response.getStatus() != OCSPResp.SUCCESSFUL) {
            throw new AssertionError("OCSP response status " + response.getStatus());
        }
        BasicOCSPResp basic = (BasicOCSPResp) response.getResponseObject();
        Extension echoed = basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
        if (echoed == null || !java.util.Arrays.equals(nonceValue, echoed.getExtnValue().getOctets())) {
            throw new AssertionError("The responder did not echo the nonce");
        }
        requireDelegatedSignature(basic, issuer);
        if (basic.getResponses().length != 1 || !id.equals(basic.getResponses()[0].getCertID())) {
            throw new AssertionError("The response is not about the certificate asked for");
        }
        SingleResp single = basic.getResponses()[0];
        Object status = single.getCertStatus();
        if (status == null) {
            return "good";
        }
        return status instanceof RevokedStatus ? "revoked" : status instanceof UnknownStatus ? "unknown" : "other";
    }

    private static void requireDelegatedSignature(BasicOCSPResp basic, X509CertificateHolder issuer) throws Exception {
        X509CertificateHolder[] certificates = basic.getCerts();
        if (certificates.length == 0) {
            throw new AssertionError("The response carries no responder certificate");
        }
        X509CertificateHolder responder = certificates[0];
        var verifier = new org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder();
        if (!responder.isSignatureValid(verifier.build(issuer))) {
            throw new AssertionError("The responder certificate was not issued by the certificate's issuer");
        }
        org.bouncycastle.asn1.x509.ExtendedKeyUsage eku = org.bouncycastle.asn1.x509.ExtendedKeyUsage.fromExtensions(
                responder.getExtensions());
        if (eku == null || !eku.hasKeyPurposeId(org.bouncycastle.asn1.x509.KeyPurposeId.id_kp_OCSPSigning)) {
            throw new AssertionError("The responder certificate lacks id-kp-OCSPSigning");
        }
        if (!responder.isValidOn(new java.util.Date())) {
            throw new AssertionError("The responder certificate is not valid now");
        }
        if (!basic.isSignatureValid(verifier.build(responder))) {
            throw new AssertionError("The response signature does not verify with the responder certificate");
        }
    }
}
