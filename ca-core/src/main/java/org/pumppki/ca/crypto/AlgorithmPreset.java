package org.pumppki.ca.crypto;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Locale;

/**
 * The vetted key and signature algorithm combinations PumpPKI uses for CA, responder and
 * server-generated keys. Callers choose a preset; they never pass algorithm strings.
 */
public enum AlgorithmPreset {
    EC_P256_SHA256("EC", "SHA256withECDSA", new ECGenParameterSpec("secp256r1"), 256),
    EC_P384_SHA384("EC", "SHA384withECDSA", new ECGenParameterSpec("secp384r1"), 384),
    RSA_2048_SHA256("RSA", "SHA256withRSA", new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4), 2048),
    RSA_3072_SHA256("RSA", "SHA256withRSA", new RSAKeyGenParameterSpec(3072, RSAKeyGenParameterSpec.F4), 3072),
    RSA_4096_SHA256("RSA", "SHA256withRSA", new RSAKeyGenParameterSpec(4096, RSAKeyGenParameterSpec.F4), 4096),
    ED25519("Ed25519", "Ed25519", null, 256);

    private final String keyAlgorithm;
    private final String signatureAlgorithm;
    private final AlgorithmParameterSpec keySpec;
    private final int keySize;

    AlgorithmPreset(String keyAlgorithm, String signatureAlgorithm, AlgorithmParameterSpec keySpec, int keySize) {
        this.keyAlgorithm = keyAlgorithm;
        this.signatureAlgorithm = signatureAlgorithm;
        this.keySpec = keySpec;
        this.keySize = keySize;
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
     * The preset a CA key signs with, recognised from its public key.
     *
     * @throws IllegalArgumentException for keys outside the presets (e.g. RSA-1024, P-521)
     */
    public static AlgorithmPreset forPublicKey(PublicKey key) {
        String algorithm = key.getAlgorithm().toUpperCase(Locale.ROOT);
        if (key instanceof RSAPublicKey rsa) {
            int bits = rsa.getModulus().bitLength();
            for (AlgorithmPreset preset : values()) {
                if (preset.isRsa() && preset.keySize == bits) {
                    return preset;
                }
            }
        } else if (key instanceof ECPublicKey ec) {
            int bits = ec.getParams().getOrder().bitLength();
            if (bits == 256) {
                return EC_P256_SHA256;
            }
            if (bits == 384) {
                return EC_P384_SHA384;
            }
        } else if (algorithm.equals("ED25519") || algorithm.equals("EDDSA")) {
            return ED25519;
        }
        throw new IllegalArgumentException("No algorithm preset for a " + key.getAlgorithm() + " key");
    }

    /** Parses a configuration value such as {@code ec-p256-sha256} or {@code EC_P256_SHA256}. */
    public static AlgorithmPreset fromConfig(String value) {
        String normalized = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        try {
            return valueOf(normalized);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown algorithm preset '" + value + "'; expected one of "
                    + java.util.Arrays.toString(values()), e);
        }
    }
}
