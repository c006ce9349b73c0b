package org.pumppki.ca.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pumppki.ca.crypto.OcspFixture.basic;
import static org.pumppki.ca.crypto.OcspFixture.single;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.BasicOCSPResponse;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.ResponderID;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.pumppki.ca.testing.TestOcspRequest;
import org.pumppki.ca.testing.TestPki;

class OcspResponderTest {

    private final OcspFixture fixture = OcspFixture.create();
    private final OcspResponder responder = fixture.responder(NotIssuedPolicy.REVOKED);

    @ParameterizedTest
    @EnumSource(AlgorithmPreset.class)
    void answersGoodWithASignatureTheResponderCertificateVerifies(AlgorithmPreset preset) throws Exception {
        OcspFixture fixture = new OcspFixture(TestPki.create(preset));

        OcspReply reply = fixture.responder(NotIssuedPolicy.UNKNOWN).respond(request(fixture, OcspFixture.GOOD));

        assertEquals(OcspResponseStatus.SUCCESSFUL, reply.status());
        BasicOCSPResp basic = basic(reply);
        assertTrue(basic.isSignatureValid(SignatureCheck.verifierFor(fixture.pki.responderCertificate().getSubjectPublicKeyInfo())));
        assertNull(single(reply).getCertStatus());
    }

    @Test
    void carriesTimesResponderIdAndCertificate() throws Exception {
        OcspReply reply = responder.respond(request(fixture, OcspFixture.GOOD));

        BasicOCSPResp basic = basic(reply);
        SingleResp single = single(reply);
        assertEquals(Date.from(TestPki.NOW), basic.getProducedAt());
        assertEquals(Date.from(TestPki.NOW), single.getThisUpdate());
        assertEquals(Date.from(TestPki.NOW.plus(OcspFixture.VALIDITY)), single.getNextUpdate());
        assertEquals(TestPki.NOW.plus(OcspFixture.VALIDITY), reply.nextUpdate().orElseThrow());
        byte[] keyHash = MessageDigest.getInstance("SHA-1")
                .digest(fixture.pki.responderCertificate().getSubjectPublicKeyInfo().getPublicKeyData().getBytes());
        ResponderID responderId = basic.getResponderId().toASN1Primitive();
        assertArrayEquals(keyHash, responderId.getKeyHash());
        assertNull(responderId.getName());
        assertEquals(List.of(fixture.pki.responderCertificate()), Arrays.asList(basic.getCerts()));
    }

    @Test
    void encodesTimesWithoutFractionalSeconds() throws Exception {
        Clock clock = Clock.fixed(TestPki.NOW.plusMillis(789), ZoneOffset.UTC);

        OcspReply reply = fixture.responder(NotIssuedPolicy.UNKNOWN, clock).respond(request(fixture, OcspFixture.GOOD));

        BasicOCSPResponse response = BasicOCSPResponse.getInstance(basic(reply).getEncoded());
        ASN1GeneralizedTime producedAt = response.getTbsResponseData().getProducedAt();
        assertEquals("20260302080000Z", producedAt.getTimeString());
    }

    @Test
    void answersRevokedWithTimeAndReason() throws Exception {
        RevokedStatus status = assertInstanceOf(RevokedStatus.class, single(responder.respond(request(fixture, OcspFixture.REVOKED))).getCertStatus());

        assertEquals(Date.from(OcspFixture.REVOKED_AT), status.getRevocationTime());
        assertEquals(RevocationReason.KEY_COMPROMISE.code(), status.getRevocationReason());
    }

    @Test
    void answersHeldCertificatesAsRevokedOnHold() throws Exception {
        RevokedStatus status = assertInstanceOf(RevokedStatus.class, single(responder.respond(request(fixture, OcspFixture.HELD))).getCertStatus());

        assertEquals(RevocationReason.CERTIFICATE_HOLD.code(), status.getRevocationReason());
    }

    @Test
    void omitsTheReasonForUnspecifiedRevocations() throws Exception {
        fixture.statuses.put(OcspFixture.REVOKED, CertificateStatus.revoked(OcspFixture.REVOKED_AT, RevocationReason.UNSPECIFIED));

        RevokedStatus status = assertInstanceOf(RevokedStatus.class, single(responder.respond(request(fixture, OcspFixture.REVOKED))).getCertStatus());

        assertFalse(status.hasRevocationReason());
    }

    @Test
    void answersUnknownWhenTheStoreDoesNotKnow() throws Exception {
        assertInstanceOf(UnknownStatus.class, single(responder.respond(request(fixture, OcspFixture.UNKNOWN))).getCertStatus());
    }

    @Test
    void answersNeverIssuedSerialsRevokedUnderTheExtendedDefinition() throws Exception {
        OcspReply reply = responder.respond(request(fixture, OcspFixture.NEVER_ISSUED));

        RevokedStatus status = assertInstanceOf(RevokedStatus.class, single(reply).getCertStatus());
        assertEquals(Date.from(Instant.EPOCH), status.getRevocationTime());
        assertEquals(RevocationReason.CERTIFICATE_HOLD.code(), status.getRevocationReason());
        Extension extendedRevoke = basic(reply).getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_extended_revoke);
        assertFalse(extendedRevoke.isCritical());
        assertEquals(DERNull.INSTANCE, extendedRevoke.getParsedValue());
    }

    @Test
    void answersNeverIssuedSerialsUnknownWhenConfigured() throws Exception {
        OcspReply reply = fixture.responder(NotIssuedPolicy.UNKNOWN).respond(request(fixture, OcspFixture.NEVER_ISSUED));

        assertInstanceOf(UnknownStatus.class, single(reply).getCertStatus());
        assertNull(basic(reply).getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_extended_revoke));
    }

    @Test
    void answersUnauthorizedWhenNoCertIdNamesAServedIssuer() {
        TestPki stranger = TestPki.create(AlgorithmPreset.EC_P384_SHA384);

        OcspReply reply = responder.respond(TestOcspRequest.create()
                .certId(stranger.issuingCertificate(), OcspFixture.GOOD, CertIdHash.SHA1).der());

        assertEquals(OcspResponseStatus.UNAUTHORIZED, reply.status());
        assertArrayEquals(new byte[] {0x30, 0x03, 0x0a, 0x01, 0x06}, reply.encoded());
        assertTrue(reply.nextUpdate().isEmpty());
    }

    @Test
    void answersForeignCertIdsUnknownNextToServedOnes() throws Exception {
        TestPki stranger = TestPki.create(AlgorithmPreset.EC_P384_SHA384);

        OcspReply reply = responder.respond(TestOcspRequest.create()
                .certId(stranger.issuingCertificate(), OcspFixture.GOOD, CertIdHash.SHA1)
                .certId(fixture.pki.issuingCertificate(), OcspFixture.GOOD, CertIdHash.SHA1).der());

        SingleResp[] responses = basic(reply).getResponses();
        assertInstanceOf(UnknownStatus.class, responses[0].getCertStatus());
        assertNull(responses[1].getCertStatus());
    }

    @Test
    void answersSeveralCertIdsInRequestOrder() throws Exception {
        byte[] request = TestOcspRequest.create()
                .certId(fixture.pki.issuingCertificate(), OcspFixture.REVOKED, CertIdHash.SHA1)
                .certId(fixture.pki.issuingCertificate(), OcspFixture.GOOD, CertIdHash.SHA256)
                .certId(fixture.pki.issuingCertificate(), OcspFixture.UNKNOWN, CertIdHash.SHA1).der();

        SingleResp[] responses = basic(responder.respond(request)).getResponses();

        assertEquals(3, responses.length);
        assertEquals(OcspFixture.REVOKED, responses[0].getCertID().getSerialNumber());
        assertInstanceOf(RevokedStatus.class, responses[0].getCertStatus());
        assertEquals(OcspFixture.GOOD, responses[1].getCertID().getSerialNumber());
        assertNull(responses[1].getCertStatus());
        assertInstanceOf(UnknownStatus.class, responses[2].getCertStatus());
    }

    @ParameterizedTest
    @EnumSource(CertIdHash.class)
    void echoesTheCertIdWithTheHashTheClientUsed(CertIdHash hash) throws Exception {
        CertificateID asked = TestOcspRequest.certIdFor(fixture.pki.issuingCertificate(), OcspFixture.GOOD, hash.algorithmIdentifier());

        SingleResp single = single(responder.respond(request(fixture, OcspFixture.GOOD, hash)));

        assertEquals(asked, single.getCertID());
        assertEquals(hash.algorithmIdentifier().getAlgorithm(), single.getCertID().getHashAlgOID());
    }

    @Test
    void echoesACertIdWithAbsentHashParametersUnchanged() throws Exception {
        AlgorithmIdentifier noParameters = new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256);
        byte[] request = TestOcspRequest.create().certId(fixture.pki.issuingCertificate(), OcspFixture.GOOD, noParameters).der();

        SingleResp single = single(responder.respond(request));

        assertEquals(TestOcspRequest.certIdFor(fixture.pki.issuingCertificate(), OcspFixture.GOOD, noParameters), single.getCertID());
        assertNull(single.getCertStatus());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 8, 32, 128})
    void echoesAnRfc8954NonceByteForByte(int length) throws Exception {
        byte[] nonce = new byte[length];
        new Random(length).nextBytes(nonce);
        byte[] request = TestOcspRequest.create().certId(fixture.pki.issuingCertificate(), OcspFixture.GOOD, CertIdHash.SHA1).nonce(nonce).der();
        Extension sent = new OCSPReq(request).getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);

        Extension echoed = basic(responder.respond(request)).getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);

        assertArrayEquals(sent.getExtnValue().getOctets(), echoed.getExtnValue().getOctets());
        assertArrayEquals(nonce, ASN1OctetString.getInstance(echoed.getParsedValue()).getOctets());
    }

    @Test
    void echoesALegacyRawNonceByteForByte() throws Exception {
        byte[] raw = {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef, 1, 2, 3, 4};
        byte[] request = TestOcspRequest.create().certId(fixture.pki.issuingCertificate(), OcspFixture.GOOD, CertIdHash.SHA1)
                .nonceExtensionValue(raw).der();

        Extension echoed = basic(responder.respond(request)).getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);

        assertArrayEquals(raw, echoed.getExtnValue().getOctets());
    }

    static Stream<Arguments> badNonces() throws Exception {
        return Stream.of(
                Arguments.of("empty RFC 8954 nonce", new DEROctetString(new byte[0]).getEncoded()),
                Arguments.of("129-octet RFC 8954 nonce", new DEROctetString(new byte[129]).getEncoded()),
                Arguments.of("empty extension value", new byte[0]),
                Arguments.of("129 raw octets", filled(129, (byte) 0x5a)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badNonces")
    void refusesNoncesOutsideOneTo128Octets(String name, byte[] extnValue) {
        byte[] request = TestOcspRequest.create().certId(fixture.pki.issuingCertificate(), OcspFixture.GOOD, CertIdHash.SHA1)
                .nonceExtensionValue(extnValue).der();

        assertEquals(OcspResponseStatus.MALFORMED_REQUEST, responder.respond(request).status());
    }

    static Stream<Arguments> malformedRequests() {
        byte[] valid = request(OcspFixture.create(), OcspFixture.GOOD);
        byte[] random = new byte[200];
        new Random(42).nextBytes(random);
        return Stream.of(
                Arguments.of("null", null),
                Arguments.of("empty", new byte[0]),
                Arguments.of("truncated", Arrays.copyOf(valid, valid.length - 3)),
                Arguments.of("trailing garbage", Arrays.copyOf(valid, valid.length + 4)),
                Arguments.of("random bytes", random),
                Arguments.of("oversized", filled(OcspRequestParser.MAX_REQUEST_BYTES + 1, (byte) 0x30)),
                Arguments.of("a certificate instead", encoded(OcspFixture.create().pki.issuingCertificate())),
                Arguments.of("an empty request list", new byte[] {0x30, 0x04, 0x30, 0x02, 0x30, 0x00}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedRequests")
    void answersMalformedRequestForGarbage(String name, byte[] request) throws Exception {
        OcspReply reply = responder.respond(request);

        assertEquals(OcspResponseStatus.MALFORMED_REQUEST, reply.status());
        assertEquals(OcspResponseStatus.MALFORMED_REQUEST.code(), new OCSPResp(reply.encoded()).getStatus());
        assertNull(new OCSPResp(reply.encoded()).getResponseObject());
    }

    @Test
    void acceptsSignedRequestsWithoutVerifyingThem() throws Exception {
        TestPki pki = fixture.pki;
        byte[] request = TestOcspRequest.create().certId(pki.issuingCertificate(), OcspFixture.GOOD, CertIdHash.SHA1)
                .signedBy(AlgorithmPreset.EC_P256_SHA256.contentSigner(pki.pumpKey().getPrivate()), pki.issuePump("PUMP-1")).der();
        request[request.length - 1] ^= 0x01;

        assertNull(single(responder.respond(request)).getCertStatus());
    }

    @Test
    void answersTryLaterWhenTheStatusStoreFails() {
        IllegalStateException outage = new IllegalStateException("database unreachable");
        OcspResponder failing = new OcspResponder(List.of(fixture.issuer), (issuer, serial) -> {
            throw outage;
        }, Clock.fixed(TestPki.NOW, ZoneOffset.UTC), OcspFixture.VALIDITY, NotIssuedPolicy.UNKNOWN);

        OcspReply reply = failing.respond(request(fixture, OcspFixture.GOOD));

        assertEquals(OcspResponseStatus.TRY_LATER, reply.status());
        assertSame(outage, reply.failure().orElseThrow());
    }

    @Test
    void answersInternalErrorWhenTheSignerFails() {
        FailingSigner signer = new FailingSigner(fixture.pki.responderSigner());
        OcspIssuer issuer = new OcspIssuer("flaky", fixture.pki.issuingCertificate(), List.of(fixture.pki.responderCertificate()), signer);
        signer.failFromNowOn();
        OcspResponder flaky = new OcspResponder(List.of(issuer), fixture::lookupAnyIssuer,
                Clock.fixed(TestPki.NOW, ZoneOffset.UTC), OcspFixture.VALIDITY, NotIssuedPolicy.UNKNOWN);

        OcspReply reply = flaky.respond(request(fixture, OcspFixture.GOOD));

        assertEquals(OcspResponseStatus.INTERNAL_ERROR, reply.status());
        assertTrue(reply.failure().isPresent());
    }

    @Test
    void aCaCanSignItsOwnResponses() throws Exception {
        OcspIssuer direct = new OcspIssuer("direct", fixture.pki.issuingCertificate(), List.of(fixture.pki.issuingCertificate()),
                fixture.pki.issuingSigner());
        OcspResponder caResponder = new OcspResponder(List.of(direct), fixture::lookupAnyIssuer,
                Clock.fixed(TestPki.NOW, ZoneOffset.UTC), OcspFixture.VALIDITY, NotIssuedPolicy.UNKNOWN);

        BasicOCSPResp basic = basic(caResponder.respond(request(fixture, OcspFixture.GOOD)));

        assertTrue(basic.isSignatureValid(SignatureCheck.verifierFor(fixture.pki.issuingCertificate().getSubjectPublicKeyInfo())));
    }

    @Test
    void refusesAResponderCertificateWithoutOcspSigning() {
        assertThrows(IllegalArgumentException.class, () -> new OcspIssuer("bad", fixture.pki.issuingCertificate(),
                List.of(fixture.pki.issuePump("PUMP-1")), AlgorithmPreset.EC_P256_SHA256.contentSigner(fixture.pki.pumpKey().getPrivate())));
    }

    @Test
    void refusesAResponderFromAnotherCaWithTheSameName() {
        TestPki other = TestPki.create(AlgorithmPreset.EC_P384_SHA384);

        assertThrows(IllegalArgumentException.class, () -> new OcspIssuer("bad", fixture.pki.issuingCertificate(),
                List.of(other.responderCertificate()), other.responderSigner()));
    }

    @Test
    void refusesASignerThatDoesNotMatchTheResponder() {
        assertThrows(IllegalArgumentException.class, () -> new OcspIssuer("bad", fixture.pki.issuingCertificate(),
                List.of(fixture.pki.responderCertificate()), fixture.pki.issuingSigner()));
    }

    @Test
    void refusesTwoIssuersWithOneId() {
        assertThrows(IllegalArgumentException.class, () -> new OcspResponder(List.of(fixture.issuer, fixture.issuer),
                fixture::lookup, Clock.systemUTC(), OcspFixture.VALIDITY, NotIssuedPolicy.UNKNOWN));
    }

    static byte[] request(OcspFixture fixture, BigInteger serial) {
        return request(fixture, serial, CertIdHash.SHA1);
    }

    static byte[] request(OcspFixture fixture, BigInteger serial, CertIdHash hash) {
        return TestOcspRequest.create().certId(fixture.pki.issuingCertificate(), serial, hash).der();
    }

    private static byte[] filled(int length, byte value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, value);
        return bytes;
    }

    private static byte[] encoded(X509CertificateHolder certificate) {
        try {
            return certificate.getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
