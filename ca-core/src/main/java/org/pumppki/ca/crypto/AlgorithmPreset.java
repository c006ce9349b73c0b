package org.pumppki.ca.crypto;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.PrivateKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Arrays;
import java.util.Locale;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The vetted key and signature algorithm combinations PumpPKI uses for CA, responder and
 * server-generated keys. Callers choose a preset; they never pass algorithm strings.
 */
public enum AlgorithmPreset {
    EC_P256_SHA256("EC", "SHA256withECDSA", new ECGenParameterSpec("secp256r1"), 256, true),
    EC_P384_SHA384("EC", "SHA384withECDSA", new ECGenParameterSpec("secp384r1"), 384, true),
    RSA_2048_SHA256("RSA", "SHA256withRSA", new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4), 2048, false),
    RSA_3072_SHA256("RSA", "SHA256withRSA", new RSAKeyGenParameterSpec(3072, RSAKeyGenParameterSpec.F4), 3072, false),
    RSA_4096_SHA256("RSA", "SHA256withRSA", new RSAKeyGenParameterSpec(4096, RSAKeyGenParameterSpec.F4), 4096, false),
    ED25519("Ed25519", "Ed25519", null, 256, true);

    private static final String SOFTWARE_KEY_FORMAT = "PKCS#8";

    private final String keyAlgorithm;
    private final String signatureAlgorithm;
    private final AlgorithmParameterSpec keySpec;
    private final int keySize;
    private final boolean softwareKeysSignInBouncyCastle;

    AlgorithmPreset(String keyAlgorithm, String signatureAlgorithm, AlgorithmParameterSpec keySpec, int keySize,
            boolean softwareKeysSignInBouncyCastle) {
        this.keyAlgorithm = keyAlgorithm;
        this.signatureAlgorithm = signatureAlgorithm;
        this.keySpec = keySpec;
        this.keySize = keySize;
        this.softwareKeysSignInBouncyCastle = softwareKeysSignInBouncyCastle;
    }

    /** JCA key algorithm name ("EC", "RSA", "Ed25519"). */
    public String keyAlgorithm() {
        return keyAlgorithm;
    }

    /** JCA signature algorithm name used when this preset signs. */
    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    /** Parameters for key pair generation; {@code null} for algorithms that take none. */
    public AlgorithmParameterSpec keySpec() {
        return keySpec;
    }

    /** Key size in bits (curve order size for EC and EdDSA). */
    public int keySize() {
        return keySize;
    }

    public boolean isRsa() {
        return "RSA".equals(keyAlgorithm);
    }

    /** Generates a fresh key pair with the default JCA provider for the algorithm. */
    public KeyPair generateKeyPair(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(keyAlgorithm);
            initialize(generator, random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JCA cannot generate " + this + " keys", e);
        }
    }

    /** Initialises a generator of any provider (software or PKCS#11) for this preset. */
    public void initialize(KeyPairGenerator generator, SecureRandom random) throws InvalidAlgorithmParameterException {
        if (keySpec != null) {
            generator.initialize(keySpec, random);
        }
    }

    /**
     * A signer for this preset over {@code key}. This is the one place a private key turns into a
     * signer; builders in this package only ever see the {@link ContentSigner}.
     *
     * <p>Which provider computes the signature is a matter of speed only; the signature algorithm
     * and its identifier are the preset's either way:
     * <ul>
     *   <li>EC and Ed25519 software keys sign in this package's Bouncy Castle provider instance, as
     *       soft CA keys do. On Java 17 the JDK's SunEC provider takes about five times as long for an
     *       ECDSA P-256 signature and twenty times as long for Ed25519 (see the raw signature figures
     *       in the benchmarks' {@code RESULTS.md}).</li>
     *   <li>RSA software keys sign in whichever installed provider accepts them (SunRsaSign): for
     *       RSA the two providers are about as fast, so there is no reason to move them.</li>
     *   <li>Keys whose material the JVM cannot read, such as keys held in a PKCS#11 token, sign in
     *       whichever installed provider accepts them.</li>
     * </ul>
     *
     * <p>A {@code ContentSigner} is not thread-safe: create one per signing thread or operation.
     *
     * @throws IllegalArgumentException if the key does not fit this preset's signature algorithm
     */
    public ContentSigner contentSigner(PrivateKey key) {
        try {
            JcaContentSignerBuilder builder = new JcaContentSignerBuilder(signatureAlgorithm);
            if (softwareKeysSignInBouncyCastle && SOFTWARE_KEY_FORMAT.equals(key.getFormat())) {
                builder.setProvider(Providers.BOUNCY_CASTLE);
            }
            return builder.build(key);
        } catch (OperatorCreationException | RuntimeException e) {
            throw new IllegalArgumentException("A " + key.getAlgorithm() + " key cannot sign with " + this, e);
        }
    }

    /** The AlgorithmIdentifier this preset's signatures carry. */
    public AlgorithmIdentifier signatureAlgorithmIdentifier() {
        return new DefaultSignatureAlgorithmIdentifierFinder().find(signatureAlgorithm);
    }

    /**
     * The preset a CA key signs with, recognised from its public key.
     *
     * @throws IllegalArgumentException for keys outside the presets (e.g. RSA-1024, P-521, secp256k1)
     */
    public static AlgorithmPreset forPublicKey(PublicKey key) {
        return forSubjectPublicKeyInfo(SubjectPublicKeyInfo.getInstance(key.getEncoded()));
    }

    /**
     * As {@link #forPublicKey(PublicKey)}, from the encoded key. EC keys are matched by their named
     * curve OID, not by the order size, so secp256k1 is not mistaken for P-256.
     */
    public static AlgorithmPreset forSubjectPublicKeyInfo(SubjectPublicKeyInfo key) {
        ASN1ObjectIdentifier algorithm = key.getAlgorithm().getAlgorithm();
        ASN1Encodable parameters = key.getAlgorithm().getParameters();
        if (PKCSObjectIdentifiers.rsaEncryption.equals(algorithm)) {
            int bits = rsaModulusBits(key);
            for (AlgorithmPreset preset : values()) {
                if (preset.isRsa() && preset.keySize == bits) {
                    return preset;
                }
            }
        } else if (X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm)) {
            if (SECObjectIdentifiers.secp256r1.equals(parameters)) {
                return EC_P256_SHA256;
            }
            if (SECObjectIdentifiers.secp384r1.equals(parameters)) {
                return EC_P384_SHA384;
            }
        } else if (EdECObjectIdentifiers.id_Ed25519.equals(algorithm)) {
            return ED25519;
        }
        throw new IllegalArgumentException("No algorithm preset for a " + AlgorithmNames.of(algorithm) + " key"
                + (parameters instanceof ASN1ObjectIdentifier curve ? " on " + AlgorithmNames.ofCurve(curve) : ""));
    }

    private static int rsaModulusBits(SubjectPublicKeyInfo key) {
        try {
            return RSAPublicKey.getInstance(key.parsePublicKey()).getModulus().bitLength();
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("Malformed RSA public key", e);
        }
    }

    /** Parses a configuration value such as {@code ec-p256-sha256} or {@code EC_P256_SHA256}. */
    public static AlgorithmPreset fromConfig(String value) {
        String normalized = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        try {
            return valueOf(normalized);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown algorithm preset '" + value + "'; expected one of "
                    + Arrays.toString(values()), e);
        }
    }
}
