package org.pumppki.server.revocation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pumppki.server.testing.Api.as;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.util.encoders.Hex;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.pumppki.ca.crypto.AlgorithmPreset;
import org.pumppki.ca.crypto.CertIdHash;
import org.pumppki.ca.security.Role;
import org.pumppki.ca.service.revocation.OcspLookupRecorder;
import org.pumppki.ca.testing.TestOcspRequest;
import org.pumppki.ca.testing.TestPki;
import org.pumppki.server.testing.EnrolledPump;

/** The OCSP responder over HTTP, checked with Bouncy Castle as the client. */
@QuarkusTest
class OcspResourceTest {

    private static final String OCSP_REQUEST = "application/ocsp-request";
    private static final String OCSP_RESPONSE = "application/ocsp-response";
    private static final AlgorithmIdentifier SHA256_WITHOUT_PARAMETERS = new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256);
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    org.pumppki.ca.service.revocation.OcspService ocspService;

    @Inject
    OcspLookupRecorder lookupRecorder;

    @Inject
    EntityManager entityManager;

    @ConfigProperty(name = "pki.ocsp.not-issued")
    String notIssuedAnswer;

    @ConfigProperty(name = "pki.ocsp.response-validity")
    Duration responseValidity;

    // --- CertIDs -------------------------------------------------------------------------------

    static Stream<Arguments> certIdHashes() {
        return Stream.of(
                Arguments.of("SHA-1", CertIdHash.SHA1.algorithmIdentifier()),
                Arguments.of("SHA-256 with NULL parameters", CertIdHash.SHA256.algorithmIdentifier()),
                Arguments.of("SHA-256 without parameters", SHA256_WITHOUT_PARAMETERS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("certIdHashes")
    void answersWithTheCertIdTheClientSentWithANonce(String name, AlgorithmIdentifier hash) {
        EnrolledPump pump = EnrolledPump.enroll("OCSP-HASH");
        CertificateID asked = TestOcspRequest.certIdFor(pump.issuingCa(), pump.serialNumber(), hash);

        BasicOCSPResp response = successful(post(TestOcspRequest.create()
                .certId(pump.issuingCa(), pump.serialNumber(), hash).nonce(randomBytes(8)).der()));

        assertEquals(1, response.getResponses().length);
        assertEquals(asked, response.getResponses()[0].getCertID());
        assertEquals(CertificateStatus.GOOD, response.getResponses()[0].getCertStatus());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("certIdHashes")
    void answersWithTheCertIdTheClientSentWithoutANonce(String name, AlgorithmIdentifier hash) {
        EnrolledPump pump = EnrolledPump.enroll("OCSP-HASH");
        CertificateID asked = TestOcspRequest.certIdFor(pump.issuingCa(), pump.serialNumber(), hash);
        byte[] request = TestOcspRequest.create().certId(pump.issuingCa(), pump.serialNumber(), hash).der();

        for (BasicOCSPResp response : List.of(successful(post(request)), successful(get(request)))) {
            assertEquals(1, response.getResponses().length);
            assertEquals(asked, response.getResponses()[0].getCertID());
            assertEquals(CertificateStatus.GOOD, response.getResponses()[0].getCertStatus());
        }
    }

    @Test
    void answersSeveralCertIdsInOneRequest() {
        EnrolledPump good = EnrolledPump.enroll("OCSP-MULTI");
        EnrolledPump revoked = EnrolledPump.enroll("OCSP-MULTI");
        revoke(revoked, "superseded");
        BigInteger neverIssued = neverIssuedSerial();
        CertificateID goodId = TestOcspRequest.certIdFor(good.issuingCa(), good.serialNumber(), CertIdHash.SHA1.algorithmIdentifier());
        CertificateID revokedId = TestOcspRequest.certIdFor(revoked.issuingCa(), revoked.serialNumber(),
                CertIdHash.SHA256.algorithmIdentifier());
        CertificateID neverIssuedId = TestOcspRequest.certIdFor(good.issuingCa(), neverIssued, CertIdHash.SHA1.algorithmIdentifier());

        BasicOCSPResp response = successful(post(TestOcspRequest.create()
                .certId(good.issuingCa(), good.serialNumber(), CertIdHash.SHA1)
                .certId(revoked.issuingCa(), revoked.serialNumber(), CertIdHash.SHA256)
                .certId(good.issuingCa(), neverIssued, CertIdHash.SHA1)
                .nonce(randomBytes(16)).der()));

        assertEquals(3, response.getResponses().length);
        assertEquals(CertificateStatus.GOOD, answerFor(response, goodId).getCertStatus());
        RevokedStatus revokedStatus = assertInstanceOf(RevokedStatus.class, answerFor(response, revokedId).getCertStatus());
        assertEquals(4, revokedStatus.getRevocationReason());
        assertNeverIssuedAnswer(answerFor(response, neverIssuedId));
    }

    @Test
    void answersACertIdOfAForeignCaUnknownNextToOurs() {
        EnrolledPump pump = EnrolledPump.enroll("OCSP-MIXED");
        TestPki foreign = TestPki.create(AlgorithmPreset.EC_P256_SHA256);
        X509CertificateHolder foreignPump = foreign.issuePump("FOREIGN-1");
        CertificateID ours = TestOcspRequest.certIdFor(pump.issuingCa(), pump.serialNumber(), CertIdHash.SHA1.algorithmIdentifier());
        CertificateID theirs = TestOcspRequest.certIdFor(foreign.issuingCertificate(), foreignPump.getSerialNumber(),
                CertIdHash.SHA1.algorithmIdentifier());

        BasicOCSPResp response = successful(post(TestOcspRequest.create()
                .certId(pump.issuingCa(), pump.serialNumber(), CertIdHash.SHA1)
                .certId(foreign.issuingCertificate(), foreignPump.getSerialNumber(), CertIdHash.SHA1)
                .nonce(randomBytes(8)).der()));

        assertEquals(CertificateStatus.GOOD, answerFor(response, ours).getCertStatus());
        assertInstanceOf(UnknownStatus.class, answerFor(response, theirs).getCertStatus());
    }

    @ParameterizedTest(name = "nonce={0}")
    @ValueSource(booleans = {true, false})
    void aCaWeDoNotServeIsUnknownOrUnauthorized(boolean withNonce) throws OCSPException {
        TestPki foreign = TestPki.create(AlgorithmPreset.EC_P256_SHA256);
        X509CertificateHolder foreignPump = foreign.issuePump("FOREIGN-2");
        TestOcspRequest request = TestOcspRequest.create()
                .certId(foreign.issuingCertificate(), foreignPump.getSerialNumber(), CertIdHash.SHA1);
        if (withNonce) {
            request.nonce(randomBytes(8));
        }

        OCSPResp response = post(request.der());

        if (response.getStatus() == OCSPResp.SUCCESSFUL) {
            assertInstanceOf(UnknownStatus.class, basic(response).getResponses()[0].getCertStatus());
        } else {
            assertEquals(OCSPResp.UNAUTHORIZED, response.getStatus());
            assertNull(response.getResponseObject());
        }
    }

    // --- nonces --------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} octets")
    @ValueSource(ints = {1, 8, 16, 32, 64, 128})
    void echoesTheNonceByteForByte(int octets) {
        EnrolledPump pump = EnrolledPump.enroll("OCSP-NONCE");
        byte[] nonce = randomBytes(octets);

        BasicOCSPResp response = successful(post(TestOcspRequest.create()
                .certId(pump.issuingCa(), pump.serialNumber(), CertIdHash.SHA1).nonce(nonce).der()));

        Extension echoed = response.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
        assertNotNull(echoed, "no nonce in the response");
        assertArrayEquals(rfc8954ExtensionValue(nonce), echoed.getExtnValue().getOctets());
    }

    @Test
    void echoesALegacyRawNonceAsReceived() {
        EnrolledPump pump = EnrolledPump.enroll("OCSP-NONCE");
        byte[] raw = randomBytes(20);
        raw[0] = (byte) 0xFF; // not a DER tag a nonce would start with

        BasicOCSPResp response = successful(post(TestOcspRequest.create()
                .certId(pump.issuingCa(), pump.serialNumber(), CertIdHash.SHA1).nonceExtensionValue(raw).der()));

        assertArrayEquals(raw, response.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce).getExtnValue().getOctets());
    }

    @ParameterizedTest(name = "{0} octets")
    @ValueSource(ints = {0, 129, 1024})
    void aNonceOutsideOneTo128OctetsIsMalformed(int octets) {
        EnrolledPump pump = EnrolledPump.enroll("OCSP-NONCE");

        OCSPResp response = post(TestOcspRequest.create()
                .certId(pump.issuingCa(), pump.serialNumber(), CertIdHash.SHA1).nonce(randomBytes(octets)).der());

        assertEquals(OCSPResp.MALFORMED_REQUEST, response.getStatus());
    }

    // --- the response itself -------------------------------------------------------------------

    @Test
    void isSignedByADelegatedResponderOfTheIssuingCaIdentifiedByKey() throws Exception {
        EnrolledPump pump = EnrolledPump.enroll("OCSP-SIGNER");

        BasicOCSPResp response = successful(post(TestOcspRequest.create()
                .certId(pump.issuingCa(), pump.serialNumber(), CertIdHash.SHA1).nonce(randomBytes(8)).der()));

        X509CertificateHolder responder = response.getCerts()[0];
        SingleResp single = response.getResponses()[0];
        assertAll(
                () -> assertTrue(response.isSignatureValid(new JcaContentVerifierProviderBuilder().build(responder)),
                        "signed by the included certificate"),
                () -> assertTrue(responder.isSignatureValid(new JcaContentVerifierProviderBuilder().build(pump.issuingCa())),
                        "responder certificate issued by the issuing CA"),
                () -> assertEquals(pump.issuingCa().getSubject(), responder.getIssuer()),
                () -> assertTrue(ExtendedKeyUsage.fromExtensions(responder.getExtensions())
                        .hasKeyPurposeId(KeyPurposeId.id_kp_OCSPSigning), "EKU OCSPSigning"),
                () -> assertNotNull(responder.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck), "ocsp-nocheck"),
                () -> assertNotEquals(pump.issuingCa().getSubjectPublicKeyInfo(), responder.getSubjectPublicKeyInfo(),
                        "not the CA key itself"),
                () -> assertNotNull(response.getResponderId().toASN1Primitive().getKeyHash(), "ResponderID byKey"),
                () -> assertNotNull(response.getProducedAt(), "producedAt"),
                () -> assertNotNull(single.getThisUpdate(), "thisUpdate"),
                () -> assertNotNull(single.getNextUpdate(), "nextUpdate"),
                () -> assertEquals(responseValidity,
                        Duration.between(single.getThisUpdate().toInstant(), single.getNextUpdate().toInstant())));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"keyCompromise, 1", "affiliationChanged, 3", "superseded, 4", "cessationOfOperation, 5",
            "privilegeWithdrawn, 9"})
    void aRevokedPumpIsRevokedWithItsReason(String reason, int code) {
        EnrolledPump pump = EnrolledPump.enroll("OCSP-REVOKED");
        Instant revokedAt = Instant.parse(revoke(pump, reason));

        BasicOCSPResp response = successful(post(TestOcspRequest.create()
                .certId(pump.issuingCa(), pump.serialNumber(), CertIdHash.SHA1).nonce(randomBytes(8)).der()));

        RevokedStatus status = assertInstanceOf(RevokedStatus.class, response.getResponses()[0].getCertStatus());
        assertTrue(status.hasRevocationReason());
        assertEquals(code, status.getRevocationReason());
        assertEquals(revokedAt.getEpochSecond(), status.getRevocationTime().toInstant().getEpochSecond());
    }

    @Test
    void anUnspecifiedRevocationCarriesNoReason() {
        EnrolledPump pump = EnrolledPump.enroll("OCSP-REVOKED");
        revoke(pump, "unspecified");

        BasicOCSPResp response = successful(post(TestOcspRequest.create()
                .certId(pump.issuingCa(), pump.serialNumber(), CertIdHash.SHA1).nonce(randomBytes(8)).der()));

        RevokedStatus status = assertInstanceOf(RevokedStatus.class, response.getResponses()[0].getCertStatus());
        assertFalse(status.hasRevocationReason(), "no revocationReason for unspecified");
    }

    @Test
    void aNeverIssuedSerialGetsTheConfiguredAnswer() {
        EnrolledPump pump = EnrolledPump.enroll("OCSP-NOT-ISSUED");

        BasicOCSPResp response = successful(post(TestOcspRequest.create()
                .certId(pump.issuingCa(), neverIssuedSerial(), CertIdHash.SHA1).nonce(randomBytes(8)).der()));

        assertNeverIssuedAnswer(response.getResponses()[0]);
        if ("revoked".equals(notIssuedAnswer)) {
            assertNotNull(response.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_extended_revoke),
                    "RFC 6960 §4.4.8 extended revoke extension");
        }
    }

    // --- pre-signed answers and HTTP caching ---------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @CsvSource({"revoke, 1", "hold, 6"})
    void presignedAnswersChangeAsSoonAsTheCertificateDoes(String change, int reason) {
        EnrolledPump pump = EnrolledPump.enroll("OCSP-PRESIGNED");
        byte[] request = TestOcspRequest.create().certId(pump.issuingCa(), pump.serialNumber(), CertIdHash.SHA1).der();
        byte[] before = getBody(request);
        assertArrayEquals(before, getBody(request), "a nonce-less answer is signed once and served again");
        assertEquals(CertificateStatus.GOOD, successful(parse(before)).getResponses()[0].getCertStatus());

        if (change.equals("revoke")) {
            revoke(pump, "keyCompromise");
        } else {
            as(Role.BIOMED).post("/api/v1/certificates/{serial}/hold", pump.serial()).then().statusCode(200);
        }

        for (BasicOCSPResp after : List.of(successful(get(request)), successful(post(request)))) {
            RevokedStatus status = assertInstanceOf(RevokedStatus.class, after.getResponses()[0].getCertStatus());
            assertEquals(reason, status.getRevocationReason());
        }
    }

    @Test
    void aReleasedHoldIsGoodAgainAtOnce() {
        EnrolledPump pump = EnrolledPump.enroll("OCSP-RELEASE");
        byte[] request = TestOcspRequest.create().certId(pump.issuingCa(), pump.serialNumber(), CertIdHash.SHA256).der();
        as(Role.BIOMED).post("/api/v1/certificates/{serial}/hold", pump.serial()).then().statusCode(200);
        assertInstanceOf(RevokedStatus.class, successful(get(request)).getResponses()[0].getCertStatus());

        as(Role.BIOMED).post("/api/v1/certificates/{serial}/release", pump.serial()).then().statusCode(200);

        assertEquals(CertificateStatus.GOOD, successful(get(request)).getResponses()[0].getCertStatus());
        assertEquals(CertificateStatus.GOOD, successful(post(request)).getResponses()[0].getCertStatus());
    }

    @Test
    void aNoncelessGetMayBeCachedUntilNextUpdate() {
        EnrolledPump pump = EnrolledPump.enroll("OCSP-CACHE");
        byte[] request = TestOcspRequest.create().certId(pump.issuingCa(), pump.serialNumber(), CertIdHash.SHA1).der();

        Response response = given().urlEncodingEnabled(false).get("/ocsp/" + urlEncodedBase64(request))
                .then().statusCode(200).contentType(OCSP_RESPONSE)
                .header("Cache-Control", allOf(containsString("max-age="), containsString("public")))
                .extract().response();

        Instant nextUpdate = successful(parse(response.asByteArray())).getResponses()[0].getNextUpdate().toInstant();
        Instant expires = ZonedDateTime.parse(response.header("Expires"), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        long maxAge = Long.parseLong(response.header("Cache-Control").replaceAll(".*max-age=(\\d+).*", "$1"));
        assertEquals(nextUpdate, expires);
        assertThat(maxAge, allOf(greaterThan(0L), lessThanOrEqualTo(responseValidity.toSeconds())));
    }

    @Test
    void answersSignedForANonceAreNotCached() {
        EnrolledPump pump = EnrolledPump.enroll("OCSP-CACHE");
        byte[] request = TestOcspRequest.create().certId(pump.issuingCa(), pump.serialNumber(), CertIdHash.SHA1)
                .nonce(randomBytes(8)).der();

        given().urlEncodingEnabled(false).get("/ocsp/" + urlEncodedBase64(request))
                .then().statusCode(200).contentType(OCSP_RESPONSE)
                .header("Cache-Control", equalTo("no-store")).header("Expires", nullValue());
        given().contentType(OCSP_REQUEST).body(request).post("/ocsp")
                .then().statusCode(200).contentType(OCSP_RESPONSE)
                .header("Cache-Control", equalTo("no-store")).header("Expires", nullValue());
    }

    static Stream<Arguments> getEncodings() {
        Base64.Encoder standard = Base64.getEncoder();
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        return Stream.of(
                Arguments.of("standard base64, URL-encoded",
                        (Function<byte[], String>) der -> URLEncoder.encode(standard.encodeToString(der), StandardCharsets.UTF_8)),
                Arguments.of("standard base64 with '/' and '+' left as they are",
                        (Function<byte[], String>) standard::encodeToString),
                Arguments.of("base64url without padding", (Function<byte[], String>) url::encodeToString));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("getEncodings")
    void decodesTheGetPathExactly(String name, Function<byte[], String> encoding) {
        EnrolledPump pump = EnrolledPump.enroll("OCSP-GET");
        byte[] nonce = nonceWhoseRequestEncodesWithPlusAndSlash(pump);
        byte[] request = TestOcspRequest.create().certId(pump.issuingCa(), pump.serialNumber(), CertIdHash.SHA1)
                .nonce(nonce).der();

        byte[] body = given().urlEncodingEnabled(false).get("/ocsp/" + encoding.apply(request))
                .then().statusCode(200).contentType(OCSP_RESPONSE).extract().asByteArray();

        BasicOCSPResp response = successful(parse(body));
        assertEquals(CertificateStatus.GOOD, response.getResponses()[0].getCertStatus());
        assertArrayEquals(rfc8954ExtensionValue(nonce),
                response.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce).getExtnValue().getOctets());
    }

    @Test
    void neverIssuedSerialsAreAnsweredButNeverKeptBesideTheFleetsAnswers() {
        EnrolledPump pump = EnrolledPump.enroll("OCSP-KEEP");
        byte[] real = TestOcspRequest.create().certId(pump.issuingCa(), pump.serialNumber(), CertIdHash.SHA256).der();
        byte[] first = getBody(real);
        int kept = ocspService.presignedAnswers();

        for (int i = 0; i < 50; i++) {
            assertNeverIssuedAnswer(successful(get(TestOcspRequest.create()
                    .certId(pump.issuingCa(), neverIssuedSerial(), CertIdHash.SHA256).der())).getResponses()[0]);
        }

        assertEquals(kept, ocspService.presignedAnswers());
        assertArrayEquals(first, getBody(real), "the pump's pre-signed answer is still the one kept");
    }

    @Test
    void theApiDescriptionListsBothWaysToAsk() {
        Map<String, Map<String, Object>> paths = as(Role.ADMIN).accept("application/json").queryParam("format", "json")
                .get("/q/openapi").then().statusCode(200).extract().jsonPath().getMap("paths");

        assertTrue(paths.containsKey("/ocsp") && paths.get("/ocsp").containsKey("post"), "POST /ocsp: " + paths.keySet());
        assertTrue(paths.containsKey("/ocsp/{request}") && paths.get("/ocsp/{request}").containsKey("get"),
                "GET /ocsp/{request}: " + paths.keySet());
    }

    // --- bad input -----------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} CertIDs")
    @ValueSource(ints = {20, 21, 200})
    void aRequestForMoreThanTwentyCertificatesIsMalformed(int certIds) {
        EnrolledPump pump = EnrolledPump.enroll("OCSP-MANY");
        TestOcspRequest request = TestOcspRequest.create();
        for (int i = 0; i < certIds; i++) {
            request.certId(pump.issuingCa(), pump.serialNumber().add(BigInteger.valueOf(i)), CertIdHash.SHA1);
        }

        OCSPResp response = post(request.der());

        if (certIds <= 20) {
            assertEquals(certIds, successful(response).getResponses().length);
        } else {
            assertEquals(OCSPResp.MALFORMED_REQUEST, response.getStatus());
        }
    }

    @ParameterizedTest(name = "{0} octets")
    @ValueSource(ints = {64 * 1024 + 1, 1024 * 1024})
    void aBodyOver64KibIsRefusedWith413BeforeParsing(int size) {
        given().contentType(OCSP_REQUEST).body(new byte[size]).post("/ocsp").then().statusCode(413);
    }

    @Test
    void aChunkedBodyOver64KibIsRefusedWith413() {
        java.io.InputStream chunked = new java.io.ByteArrayInputStream(new byte[100 * 1024]);
        given().contentType(OCSP_REQUEST).body(chunked).post("/ocsp").then().statusCode(413);
    }

    static Stream<Arguments> malformedBodies() {
        byte[] valid = TestOcspRequest.create()
                .certId(TestPki.create(AlgorithmPreset.EC_P256_SHA256).issuingCertificate(), BigInteger.TEN, CertIdHash.SHA1)
                .nonce(new byte[8]).der();
        byte[] random = new byte[300];
        new Random(6960).nextBytes(random);
        return Stream.of(
                Arguments.of("empty body", new byte[0]),
                Arguments.of("truncated DER", Arrays.copyOf(valid, valid.length / 2)),
                Arguments.of("one byte short", Arrays.copyOf(valid, valid.length - 1)),
                Arguments.of("random bytes", random),
                Arguments.of("a SEQUENCE claiming 2 GB", Hex.decode("3084 7fffffff 0500".replace(" ", ""))),
                Arguments.of("10 MB of zeros", new byte[10 * 1024 * 1024]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedBodies")
    void malformedPostsAreRefusedWithoutAServerError(String name, byte[] body) {
        Response response = given().contentType(OCSP_REQUEST).body(body).post("/ocsp");

        assertMalformedOrClientError(response);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not%20base64!", "%25ZZ", "AAAA", "====", "MEIwQDA-MDwwOjAJBgUrDgMCGgUABBT",
            "%00%01", "%E2%98%83"})
    void badBase64InAGetPathIsRefusedWithoutAServerError(String path) {
        Response response = given().urlEncodingEnabled(false).get("/ocsp/" + path);

        assertMalformedOrClientError(response);
    }

    @Test
    void aHugeGetPathIsRefusedWithoutAServerError() {
        Response response = given().urlEncodingEnabled(false).get("/ocsp/" + "A".repeat(200_000));

        assertMalformedOrClientError(response);
    }

    /**
     * Valid requests with a few random edits each, by POST and GET. Whatever the bytes, the answer
     * is an OCSP response or a client error; never a server error, never internalError.
     */
    @Test
    void mutatedRequestsNeverCauseAServerError() {
        EnrolledPump pump = EnrolledPump.enroll("OCSP-MUTANT");
        TestPki foreign = TestPki.create(AlgorithmPreset.EC_P256_SHA256);
        List<byte[]> seeds = List.of(
                TestOcspRequest.create().certId(pump.issuingCa(), pump.serialNumber(), CertIdHash.SHA1).der(),
                TestOcspRequest.create().certId(pump.issuingCa(), pump.serialNumber(), CertIdHash.SHA1).nonce(new byte[8]).der(),
                TestOcspRequest.create().certId(pump.issuingCa(), pump.serialNumber(), CertIdHash.SHA256).nonce(new byte[32]).der(),
                TestOcspRequest.create()
                        .certId(pump.issuingCa(), pump.serialNumber(), CertIdHash.SHA1)
                        .certId(foreign.issuingCertificate(), BigInteger.TWO, CertIdHash.SHA256)
                        .nonceExtensionValue(new byte[] {1, 2, 3, 4}).der());
        Random random = new Random(20260302L);
        int mutants = 3000;
        Map<String, Integer> outcomes = new TreeMap<>();
        List<String> failures = new ArrayList<>();

        for (int i = 0; i < mutants; i++) {
            byte[] mutant = mutate(seeds.get(i % seeds.size()), random);
            boolean byGet = i % 4 == 3;
            Response response = byGet
                    ? given().urlEncodingEnabled(false).get("/ocsp/" + urlEncodedBase64(mutant))
                    : given().contentType(OCSP_REQUEST).body(mutant).post("/ocsp");
            MutantOutcome outcome = MutantOutcome.of(response);
            outcomes.merge(outcome.label(), 1, Integer::sum);
            if (!outcome.acceptable()) {
                failures.add((byGet ? "GET " : "POST ") + Hex.toHexString(mutant) + ": " + outcome.label());
            }
        }

        assertTrue(failures.isEmpty(), () -> failures.size() + " of " + mutants + " mutants failed, e.g.\n"
                + String.join("\n", failures.subList(0, Math.min(5, failures.size()))));
        assertTrue(outcomes.containsKey("successful") && outcomes.containsKey("malformedRequest"),
                () -> "the mutants should reach both the parser's refusals and the signer: " + outcomes);
    }

    /** How the responder answered one mutated request, and whether that is acceptable. */
    record MutantOutcome(String label, boolean acceptable) {

        static MutantOutcome of(Response response) {
            int status = response.statusCode();
            if (status >= 400 && status < 500) {
                boolean html = String.valueOf(response.contentType()).contains("html");
                return new MutantOutcome(html ? "HTML error page " + status : "HTTP " + status, !html);
            }
            if (status != 200) {
                return new MutantOutcome("HTTP " + status + " " + response.asString(), false);
            }
            if (!OCSP_RESPONSE.equals(response.contentType())) {
                return new MutantOutcome("content type " + response.contentType(), false);
            }
            try {
                OCSPResp parsed = new OCSPResp(response.asByteArray());
                return switch (parsed.getStatus()) {
                    case OCSPResp.SUCCESSFUL -> parsed.getResponseObject() instanceof BasicOCSPResp
                            ? new MutantOutcome("successful", true)
                            : new MutantOutcome("successful without a basic response", false);
                    case OCSPResp.MALFORMED_REQUEST -> new MutantOutcome("malformedRequest", true);
                    case OCSPResp.UNAUTHORIZED -> new MutantOutcome("unauthorized", true);
                    default -> new MutantOutcome("OCSP status " + parsed.getStatus(), false);
                };
            } catch (IOException | OCSPException | RuntimeException e) {
                return new MutantOutcome("unparseable response: " + e, false);
            }
        }
    }

    // --- lookups recorded for the scheduler ----------------------------------------------------

    @Test
    void lookupsAreRecordedWithTheirCountAndLastStatus() {
        EnrolledPump pump = EnrolledPump.enroll("OCSP-LOOKUP");
        BigInteger neverIssued = neverIssuedSerial();
        long issuerId = caId(pump.issuer());
        byte[] request = TestOcspRequest.create().certId(pump.issuingCa(), pump.serialNumber(), CertIdHash.SHA1).der();
        post(request);
        get(request);
        post(TestOcspRequest.create().certId(pump.issuingCa(), neverIssued, CertIdHash.SHA256).nonce(randomBytes(8)).der());

        lookupRecorder.flush();

        assertEquals(new Lookup(2, "good", true), lookup(issuerId, pump.serial()));
        assertEquals(new Lookup(1, "not-issued", false), lookup(issuerId, neverIssued.toString(16)));

        revoke(pump, "keyCompromise");
        post(request);
        lookupRecorder.flush();

        assertEquals(new Lookup(3, "revoked", true), lookup(issuerId, pump.serial()));
    }

    /** One row of {@code ocsp_lookup}. */
    record Lookup(long lookups, String lastStatus, boolean linkedToCertificate) {
    }

    private Lookup lookup(long issuerId, String serial) {
        Object[] row = QuarkusTransaction.requiringNew().call(() -> (Object[]) entityManager.createNativeQuery(
                        "SELECT lookups, last_status, certificate_id FROM ocsp_lookup WHERE issuer_id = ?1 AND serial_number = ?2")
                .setParameter(1, issuerId).setParameter(2, serial).getSingleResult());
        return new Lookup(((Number) row[0]).longValue(), (String) row[1], row[2] != null);
    }

    // --- helpers -------------------------------------------------------------------------------

    private static OCSPResp post(byte[] request) {
        return parse(given().contentType(OCSP_REQUEST).body(request).post("/ocsp")
                .then().statusCode(200).contentType(OCSP_RESPONSE).extract().asByteArray());
    }

    private static OCSPResp get(byte[] request) {
        return parse(getBody(request));
    }

    private static byte[] getBody(byte[] request) {
        return given().urlEncodingEnabled(false).get("/ocsp/" + urlEncodedBase64(request))
                .then().statusCode(200).contentType(OCSP_RESPONSE).extract().asByteArray();
    }

    private static String urlEncodedBase64(byte[] der) {
        return URLEncoder.encode(Base64.getEncoder().encodeToString(der), StandardCharsets.UTF_8);
    }

    private static OCSPResp parse(byte[] body) {
        try {
            return new OCSPResp(body);
        } catch (IOException e) {
            throw new AssertionError("Not an OCSP response: " + Hex.toHexString(body), e);
        }
    }

    private static BasicOCSPResp successful(OCSPResp response) {
        assertEquals(OCSPResp.SUCCESSFUL, response.getStatus(), "OCSP response status");
        return basic(response);
    }

    private static BasicOCSPResp basic(OCSPResp response) {
        try {
            return assertInstanceOf(BasicOCSPResp.class, response.getResponseObject());
        } catch (OCSPException e) {
            throw new AssertionError(e);
        }
    }

    private static SingleResp answerFor(BasicOCSPResp response, CertificateID certId) {
        return Arrays.stream(response.getResponses()).filter(single -> single.getCertID().equals(certId)).findFirst()
                .orElseThrow(() -> new AssertionError("No answer for serial " + certId.getSerialNumber().toString(16)));
    }

    private void assertNeverIssuedAnswer(SingleResp answer) {
        if ("revoked".equals(notIssuedAnswer)) {
            RevokedStatus status = assertInstanceOf(RevokedStatus.class, answer.getCertStatus());
            assertEquals(6, status.getRevocationReason(), "certificateHold");
            assertEquals(Date.from(Instant.EPOCH), status.getRevocationTime());
        } else {
            assertInstanceOf(UnknownStatus.class, answer.getCertStatus());
        }
    }

    private static void assertMalformedOrClientError(Response response) {
        int status = response.statusCode();
        if (status == 200) {
            assertThat(response.contentType(), equalTo(OCSP_RESPONSE));
            assertEquals(OCSPResp.MALFORMED_REQUEST, parse(response.asByteArray()).getStatus(), "OCSP response status");
        } else {
            assertTrue(status >= 400 && status < 500, () -> "HTTP " + status + ": " + response.asString());
            assertThat(String.valueOf(response.contentType()), not(containsString("html")));
        }
    }

    private static byte[] mutate(byte[] seed, Random random) {
        List<Byte> bytes = new ArrayList<>(seed.length + 4);
        for (byte b : seed) {
            bytes.add(b);
        }
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits; e++) {
            int at = random.nextInt(bytes.size());
            switch (random.nextInt(3)) {
                case 0 -> bytes.set(at, (byte) (bytes.get(at) ^ (1 + random.nextInt(255))));
                case 1 -> bytes.add(at, (byte) random.nextInt(256));
                default -> {
                    if (bytes.size() > 1) {
                        bytes.remove(at);
                    }
                }
            }
        }
        byte[] mutant = new byte[bytes.size()];
        for (int i = 0; i < mutant.length; i++) {
            mutant[i] = bytes.get(i);
        }
        return mutant;
    }

    /** A nonce that puts both '+' and '/' into the request's base64, so that decoding them is tested. */
    private static byte[] nonceWhoseRequestEncodesWithPlusAndSlash(EnrolledPump pump) {
        Random random = new Random(4648);
        while (true) {
            byte[] nonce = new byte[32];
            random.nextBytes(nonce);
            String encoded = Base64.getEncoder().encodeToString(TestOcspRequest.create()
                    .certId(pump.issuingCa(), pump.serialNumber(), CertIdHash.SHA1).nonce(nonce).der());
            if (encoded.contains("+") && encoded.contains("/")) {
                return nonce;
            }
        }
    }

    /** Revokes through the admin API; returns revokedAt. */
    private static String revoke(EnrolledPump pump, String reason) {
        return as(Role.BIOMED).contentType(ContentType.JSON).body(Map.of("reason", reason))
                .post("/api/v1/certificates/{serial}/revoke", pump.serial())
                .then().statusCode(200).extract().path("revokedAt");
    }

    private static long caId(String name) {
        return as(Role.AUDITOR).get("/api/v1/cas").then().statusCode(200)
                .extract().jsonPath().getLong("find { it.name == '" + name + "' }.id");
    }

    /** A serial this CA never issued: 120 random bits, far from any collision with real ones. */
    private static BigInteger neverIssuedSerial() {
        return new BigInteger(120, RANDOM).setBit(119);
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** The extnValue an RFC 8954 nonce extension carries: the nonce as a DER OCTET STRING. */
    private static byte[] rfc8954ExtensionValue(byte[] nonce) {
        try {
            return new DEROctetString(nonce).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
