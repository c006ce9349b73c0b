package org.pumppki.benchmarks;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
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
import org.pumppki.ca.testing.TestPki;

/**
 * The floor under every signing operation: one bare JCA signature, and one bare verification, over
 * the to-be-signed part of a real pump certificate, with the issuing CA key of the same preset.
 * The other benchmarks are reported as multiples of these, measured in the same run.
 *
 * <p>{@code provider} selects who computes: {@code BC} is a private Bouncy Castle provider instance,
 * as the soft CA key store and the package's signature checks use; {@code JDK} is whichever
 * installed provider the JDK picks for the algorithm (SunEC for EC and Ed25519, SunRsaSign for
 * RSA). Keys are translated into the provider's own key classes during setup.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RawSignatureBenchmark {

    @Param({"EC_P256_SHA256", "EC_P384_SHA384", "RSA_2048_SHA256", "RSA_3072_SHA256", "RSA_4096_SHA256", "ED25519"})
    public AlgorithmPreset preset;

    @Param({"BC", "JDK"})
    public String provider;

    private byte[] tbsCertificate;
    private byte[] encodedPublicKey;
    private byte[] signature;
    private KeyFactory keyFactory;
    private PublicKey publicKey;
    private Signature signer;
    private Signature verifier;

    @Setup
    public void createKeyAndMessage() throws GeneralSecurityException, IOException {
        TestPki pki = TestPki.create(preset);
        tbsCertificate = pki.issuePump("PUMP-000123").toASN1Structure().getTBSCertificate().getEncoded(ASN1Encoding.DER);
        encodedPublicKey = pki.issuingCertificate().getSubjectPublicKeyInfo().getEncoded(ASN1Encoding.DER);
        Provider chosen = "BC".equals(provider) ? new BouncyCastleProvider() : null;
        keyFactory = chosen == null ? KeyFactory.getInstance(preset.keyAlgorithm()) : KeyFactory.getInstance(preset.keyAlgorithm(), chosen);
        PrivateKey privateKey = keyFactory.generatePrivate(new PKCS8EncodedKeySpec(pki.issuingKeyPair().getPrivate().getEncoded()));
        publicKey = keyFactory.generatePublic(new X509EncodedKeySpec(encodedPublicKey));
        signer = signature(chosen);
        signer.initSign(privateKey);
        verifier = signature(chosen);
        signature = sign();
        if (!verify()) {
            throw new IllegalStateException(provider + " cannot verify its own " + preset + " signature");
        }
    }

    private Signature signature(Provider chosen) throws GeneralSecurityException {
        String algorithm = preset.signatureAlgorithm();
        return chosen == null ? Signature.getInstance(algorithm) : Signature.getInstance(algorithm, chosen);
    }

    /** Signs the TBS certificate with an initialised {@link Signature}, as a reused ContentSigner does. */
    @Benchmark
    public byte[] sign() throws GeneralSecurityException {
        signer.update(tbsCertificate);
        return signer.sign();
    }

    /** Verifies with a public key object that is decoded once and reused. */
    @Benchmark
    public boolean verify() throws GeneralSecurityException {
        verifier.initVerify(publicKey);
        verifier.update(tbsCertificate);
        return verifier.verify(signature);
    }

    /**
     * Verifies with a public key decoded from its SubjectPublicKeyInfo for every check, as the
     * self-check after signing does with the issuer certificate's key.
     */
    @Benchmark
    public boolean verifyFromEncodedKey() throws GeneralSecurityException {
        verifier.initVerify(keyFactory.generatePublic(new X509EncodedKeySpec(encodedPublicKey)));
        verifier.update(tbsCertificate);
        return verifier.verify(signature);
    }
}
