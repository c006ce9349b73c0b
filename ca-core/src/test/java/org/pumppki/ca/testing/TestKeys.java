package org.pumppki.ca.testing;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.pumppki.ca.crypto.AlgorithmPreset;

/**
 * Key pairs for tests. Keys for the vetted presets are cached per JVM and name because RSA-4096
 * generation dominates test time otherwise; they carry no state, so sharing them cannot couple tests.
 * Keys outside the policy exist only so that tests can prove they are refused.
 */
public final class TestKeys {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Map<String, KeyPair> CACHE = new ConcurrentHashMap<>();

    private TestKeys() {
    }

    /** A key pair for {@code preset}; the same pair for the same {@code name}. */
    public static KeyPair of(AlgorithmPreset preset, String name) {
        return CACHE.computeIfAbsent(preset + "/" + name, ignored -> preset.generateKeyPair(RANDOM));
    }

    /** A key pair for {@code preset} that no other caller shares. */
    public static KeyPair fresh(AlgorithmPreset preset) {
        return preset.generateKeyPair(RANDOM);
    }

    /** RSA-1024: refused by the key policy. */
    public static KeyPair rsa1024() {
        return CACHE.computeIfAbsent("RSA-1024", ignored -> generate("RSA", 1024));
    }

    /** An EC key on a named curve outside the policy, e.g. {@code secp521r1} or {@code secp256k1}. */
    public static KeyPair ecOn(String curve) {
        return CACHE.computeIfAbsent("EC/" + curve, ignored -> {
            try {
                // The JDK dropped secp256k1; Bouncy Castle still generates it.
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", new BouncyCastleProvider());
                generator.initialize(new ECGenParameterSpec(curve), RANDOM);
                return generator.generateKeyPair();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Any other JCA key type, e.g. Ed448 or DSA. */
    public static KeyPair generate(String algorithm, int size) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm, new BouncyCastleProvider());
            if (size > 0) {
                generator.initialize(size, RANDOM);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
