package org.pumppki.ca.crypto;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.pumppki.ca.testing.TestPki;

/** A responder for one test PKI with an in-memory status table; unknown serials were never issued. */
final class OcspFixture {

    static final String ISSUER_ID = "pump-issuing-ca";
    static final Duration VALIDITY = Duration.ofHours(4);
    static final BigInteger GOOD = BigInteger.valueOf(0x1001);
    static final BigInteger REVOKED = BigInteger.valueOf(0x1002);
    static final BigInteger HELD = BigInteger.valueOf(0x1003);
    static final BigInteger UNKNOWN = BigInteger.valueOf(0x1004);
    static final BigInteger NEVER_ISSUED = BigInteger.valueOf(0x9999);
    static final Instant REVOKED_AT = TestPki.NOW.minus(Duration.ofDays(3));

    final TestPki pki;
    final OcspIssuer issuer;
    final Map<BigInteger, CertificateStatus> statuses = new HashMap<>();

    OcspFixture(TestPki pki) {
        this.pki = pki;
        this.issuer = new OcspIssuer(ISSUER_ID, pki.issuingCertificate(), List.of(pki.responderCertificate()), pki.responderSigner());
        statuses.put(GOOD, CertificateStatus.good());
        statuses.put(REVOKED, CertificateStatus.revoked(REVOKED_AT, RevocationReason.KEY_COMPROMISE));
        statuses.put(HELD, CertificateStatus.revoked(REVOKED_AT, RevocationReason.CERTIFICATE_HOLD));
        statuses.put(UNKNOWN, CertificateStatus.unknown());
    }

    static OcspFixture create() {
        return new OcspFixture(TestPki.create(AlgorithmPreset.EC_P256_SHA256));
    }

    OcspResponder responder(NotIssuedPolicy policy) {
        return responder(policy, Clock.fixed(TestPki.NOW, ZoneOffset.UTC));
    }

    OcspResponder responder(NotIssuedPolicy policy, Clock clock) {
        return new OcspResponder(List.of(issuer), this::lookup, clock, VALIDITY, policy);
    }

    CertificateStatus lookup(String issuerId, BigInteger serial) {
        if (!ISSUER_ID.equals(issuerId)) {
            throw new AssertionError("Asked about issuer " + issuerId);
        }
        return statuses.getOrDefault(serial, CertificateStatus.notIssued());
    }

    /** A lookup for responders built around this fixture's table under any issuer id. */
    CertificateStatus lookupAnyIssuer(String issuerId, BigInteger serial) {
        return statuses.getOrDefault(serial, CertificateStatus.notIssued());
    }

    static BasicOCSPResp basic(OcspReply reply) throws Exception {
        return (BasicOCSPResp) new OCSPResp(reply.encoded()).getResponseObject();
    }

    static SingleResp single(OcspReply reply) throws Exception {
        SingleResp[] responses = basic(reply).getResponses();
        if (responses.length != 1) {
            throw new AssertionError("Expected one SingleResponse, got " + responses.length);
        }
        return responses[0];
    }
}
