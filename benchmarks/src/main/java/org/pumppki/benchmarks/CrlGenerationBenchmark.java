package org.pumppki.benchmarks;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.cert.X509CRLHolder;
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
import org.pumppki.ca.crypto.CrlCreator;
import org.pumppki.ca.crypto.RevocationReason;
import org.pumppki.ca.crypto.RevokedEntry;
import org.pumppki.ca.crypto.SerialNumberGenerator;
import org.pumppki.ca.testing.TestPki;

/** Encoding and signing a full CRL (EC P-256 issuing CA) with random 127-bit serials and mixed reasons. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CrlGenerationBenchmark {

    @Param({"10000", "100000"})
    public int entries;

    private TestPki pki;
    private List<RevokedEntry> revoked;

    @Setup
    public void createEntries() {
        pki = TestPki.create(AlgorithmPreset.EC_P256_SHA256);
        SerialNumberGenerator serials = new SerialNumberGenerator(new SecureRandom());
        RevocationReason[] reasons = {RevocationReason.KEY_COMPROMISE, RevocationReason.CESSATION_OF_OPERATION,
            RevocationReason.CERTIFICATE_HOLD, RevocationReason.SUPERSEDED, RevocationReason.UNSPECIFIED};
        revoked = new ArrayList<>(entries);
        for (int i = 0; i < entries; i++) {
            revoked.add(new RevokedEntry(serials.next(), TestPki.NOW.minusSeconds(i), reasons[i % reasons.length]));
        }
    }

    @Benchmark
    public X509CRLHolder createCrl() {
        return CrlCreator.create(pki.issuingCertificate(), pki.issuingSigner(), BigInteger.valueOf(entries),
                TestPki.NOW, TestPki.NOW.plus(Duration.ofDays(1)), revoked);
    }
}
