package org.pumppki.ca.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pumppki.ca.crypto.OcspFixture.basic;
import static org.pumppki.ca.crypto.OcspFixture.single;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pumppki.ca.testing.TestOcspRequest;
import org.pumppki.ca.testing.TestPki;

class OcspPresigningTest {

    private final OcspFixture fixture = OcspFixture.create();
    private final OcspResponder responder = fixture.responder(NotIssuedPolicy.REVOKED);

    @ParameterizedTest
    @EnumSource(CertIdHash.class)
    void aNonceLessSingleRequestYieldsACacheKey(CertIdHash hash) {
        OcspRequestSummary summary = responder.summarize(OcspResponderTest.request(fixture, OcspFixture.REVOKED, hash));

        assertEquals(Optional.of(new OcspCacheKey(OcspFixture.ISSUER_ID, OcspFixture.REVOKED, hash)), summary.cacheKey());
        assertFalse(summary.hasNonce());
    }

    @ParameterizedTest
    @EnumSource(CertIdHash.class)
    void aPresignedResponseAnswersTheRequestItWasSignedFor(CertIdHash hash) throws Exception {
        byte[] request = OcspResponderTest.request(fixture, OcspFixture.REVOKED, hash);
        OcspCacheKey key = responder.summarize(request).cacheKey().orElseThrow();

        OcspReply presigned = responder.presign(key);

        assertEquals(OcspResponseStatus.SUCCESSFUL, presigned.status());
        assertEquals(TestOcspRequest.certIdFor(fixture.pki.issuingCertificate(), OcspFixture.REVOKED, hash.algorithmIdentifier()),
                single(presigned).getCertID());
        assertInstanceOf(RevokedStatus.class, single(presigned).getCertStatus());
        assertNull(basic(presigned).getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce));
        assertTrue(basic(presigned).isSignatureValid(SignatureCheck.verifierFor(fixture.pki.responderCertificate().getSubjectPublicKeyInfo())));
    }

    @Test
    void aPresignedResponseRepeatsAHashAlgorithmWrittenWithoutParameters() throws Exception {
        AlgorithmIdentifier noParameters = new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256);
        byte[] request = TestOcspRequest.create().certId(fixture.pki.issuingCertificate(), OcspFixture.REVOKED, noParameters).der();
        OcspCacheKey key = responder.summarize(request).cacheKey().orElseThrow();

        OcspReply presigned = responder.presign(key);

        assertNotEquals(new OcspCacheKey(OcspFixture.ISSUER_ID, OcspFixture.REVOKED, CertIdHash.SHA256), key);
        assertEquals(TestOcspRequest.certIdFor(fixture.pki.issuingCertificate(), OcspFixture.REVOKED, noParameters),
                single(presigned).getCertID());
    }

    @Test
    void aRequestWithANonceMustBeSignedForItself() {
        byte[] request = TestOcspRequest.create().certId(fixture.pki.issuingCertificate(), OcspFixture.GOOD, CertIdHash.SHA1)
                .nonce(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}).der();

        OcspRequestSummary summary = responder.summarize(request);

        assertTrue(summary.hasNonce());
        assertEquals(1, summary.servedCertIds().size());
        assertEquals(Optional.empty(), summary.cacheKey());
    }

    @Test
    void severalCertIdsHaveNoCacheKey() {
        byte[] request = TestOcspRequest.create()
                .certId(fixture.pki.issuingCertificate(), OcspFixture.GOOD, CertIdHash.SHA1)
                .certId(fixture.pki.issuingCertificate(), OcspFixture.REVOKED, CertIdHash.SHA1).der();

        OcspRequestSummary summary = responder.summarize(request);

        assertEquals(2, summary.certIdCount());
        assertEquals(Optional.empty(), summary.cacheKey());
    }

    @Test
    void foreignAndMalformedRequestsHaveNoCacheKey() {
        TestPki stranger = TestPki.create(AlgorithmPreset.EC_P384_SHA384);
        byte[] foreign = TestOcspRequest.create().certId(stranger.issuingCertificate(), OcspFixture.GOOD, CertIdHash.SHA1).der();

        OcspRequestSummary foreignSummary = responder.summarize(foreign);
        OcspRequestSummary garbage = responder.summarize(new byte[] {1, 2, 3});

        assertTrue(foreignSummary.wellFormed());
        assertEquals(List.of(), foreignSummary.servedCertIds());
        assertEquals(Optional.empty(), foreignSummary.cacheKey());
        assertFalse(garbage.wellFormed());
        assertEquals(Optional.empty(), garbage.cacheKey());
    }

    @Test
    void refusesToPresignForAnIssuerItDoesNotServe() {
        OcspCacheKey key = new OcspCacheKey("someone-else", BigInteger.ONE, CertIdHash.SHA1);

        assertThrows(IllegalArgumentException.class, () -> responder.presign(key));
    }
}
