package org.pumppki.benchmarks;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.pumppki.ca.crypto.AlgorithmPreset;
import org.pumppki.ca.crypto.CertIdHash;
import org.pumppki.ca.crypto.CertificateStatus;
import org.pumppki.ca.crypto.NotIssuedPolicy;
import org.pumppki.ca.crypto.OcspIssuer;
import org.pumppki.ca.crypto.OcspReply;
import org.pumppki.ca.crypto.OcspResponder;
import org.pumppki.ca.testing.TestOcspRequest;
import org.pumppki.ca.testing.TestPki;

/**
 * Answering the request FreeRADIUS sends (one SHA-1 CertID, 8-octet nonce): parse, match, look up
 * an in-memory status and sign a fresh response with the delegated responder key.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class OcspSigningBenchmark {

    @Param({"EC_P256_SHA256", "EC_P384_SHA384", "RSA_2048_SHA256", "RSA_3072_SHA256", "ED25519"})
    public AlgorithmPreset preset;

    private OcspResponder responder;
    private byte[] request;

    @Setup
    public void createResponder() {
        TestPki pki = TestPki.create(preset);
        OcspIssuer issuer = new OcspIssuer("issuing", pki.issuingCertificate(), List.of(pki.responderCertificate()), pki.responderSigner());
        responder = new OcspResponder(List.of(issuer), (issuerId, serial) -> CertificateStatus.good(),
                Clock.fixed(TestPki.NOW, ZoneOffset.UTC), Duration.ofHours(4), NotIssuedPolicy.REVOKED);
        request = TestOcspRequest.create().certId(pki.issuingCertificate(), BigInteger.valueOf(4711), CertIdHash.SHA1)
                .nonce(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}).der();
    }

    @Benchmark
    public OcspReply respondWithNonce() {
        return responder.respond(request);
    }
}
