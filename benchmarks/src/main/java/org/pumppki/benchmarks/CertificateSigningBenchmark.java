package org.pumppki.benchmarks;

import java.util.concurrent.TimeUnit;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.ContentSigner;
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
import org.pumppki.ca.crypto.CertificateProfile;
import org.pumppki.ca.crypto.IssuanceRequest;
import org.pumppki.ca.crypto.KeyPolicy;
import org.pumppki.ca.crypto.StandardProfile;
import org.pumppki.ca.crypto.UntrustedCsr;
import org.pumppki.ca.testing.TestCsr;
import org.pumppki.ca.testing.TestPki;

/**
 * Issuing a pump certificate from an already verified CSR: all profile rules, the CA signature and
 * the verification of that signature with the issuing CA key. The preset is the CA's.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CertificateSigningBenchmark {

    @Param({"EC_P256_SHA256", "EC_P384_SHA384", "RSA_2048_SHA256", "RSA_3072_SHA256", "RSA_4096_SHA256", "ED25519"})
    public AlgorithmPreset preset;

    private TestPki pki;
    private CertificateProfile profile;
    private IssuanceRequest request;
    private ContentSigner signer;

    @Setup
    public void createCa() {
        pki = TestPki.create(preset);
        profile = StandardProfile.PUMP.create(pki.settings());
        UntrustedCsr csr = UntrustedCsr.parse(
                TestCsr.forKey(pki.pumpKey()).subject("CN=PUMP-000123").signedWith(preset.signatureAlgorithm()).der(),
                KeyPolicy.DEFAULT);
        request = IssuanceRequest.fromCsr(csr, TestPki.pumpIdentity("PUMP-000123"), pki.issuingCa(), pki.now(), pki.nextSerial());
        signer = pki.issuingSigner();
    }

    @Benchmark
    public X509CertificateHolder issuePumpCertificate() {
        return profile.issue(request, signer);
    }
}
