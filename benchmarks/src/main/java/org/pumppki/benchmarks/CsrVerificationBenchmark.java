package org.pumppki.benchmarks;

import java.util.Base64;
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
import org.pumppki.ca.crypto.KeyPolicy;
import org.pumppki.ca.crypto.UntrustedCsr;
import org.pumppki.ca.testing.TestCsr;
import org.pumppki.ca.testing.TestKeys;

/** Parsing a CSR from base64 and checking key policy, signature algorithm and proof of possession. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CsrVerificationBenchmark {

    @Param({"EC_P256_SHA256", "EC_P384_SHA384", "RSA_2048_SHA256", "RSA_3072_SHA256", "RSA_4096_SHA256", "ED25519"})
    public AlgorithmPreset preset;

    private byte[] body;

    @Setup
    public void createRequest() {
        byte[] der = TestCsr.forKey(TestKeys.of(preset, "pump")).subject("CN=PUMP-000123")
                .signedWith(preset.signatureAlgorithm()).der();
        body = Base64.getMimeEncoder().encode(der);
    }

    @Benchmark
    public UntrustedCsr parseAndVerify() {
        return UntrustedCsr.parse(body, KeyPolicy.DEFAULT);
    }
}
