package org.pumppki.ca.keys;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.pumppki.ca.crypto.AlgorithmPreset;

/**
 * CA keys generated in software and stored in the database, wrapped under the {@link MasterKey}
 * (see {@link WrappedKeyBlob} for the format).
 *
 * <p>The wrapped form is PKCS#8 v2 (RFC 5958 OneAsymmetricKey) with the public key included, so the
 * public key comes back with the private one for every algorithm without recomputing it.
 *
 * <p>Unwrapped keys are cached in this object for its lifetime: unwrapping happens once per key,
 * signing stays fast, and a wrong master key is reported on first use. All cryptography runs in a
 * private Bouncy Castle provider instance, independent of the JVM's provider list.
 */
public final class SoftCaKeyStore implements CaKeyStore {

    private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();
    private static final int KEY_ID_SUFFIX_BYTES = 8;

    private final MasterKey masterKey;
    private final SecureRandom random;
    private final ConcurrentMap<StoredKey, KeyPair> unwrapped = new ConcurrentHashMap<>();

    /** A store wrapping keys under {@code masterKey}, with the platform's default SecureRandom. */
    public SoftCaKeyStore(MasterKey masterKey) {
        this(masterKey, new SecureRandom());
    }

    /**
     * A store wrapping keys under {@code masterKey}, drawing key ids, IVs and EC/RSA keys from
     * {@code random} (Bouncy Castle draws Ed25519 keys from its own default source).
     */
    public SoftCaKeyStore(MasterKey masterKey, SecureRandom random) {
        this.masterKey = masterKey;
        this.random = random;
    }

    @Override
    public KeyStoreKind kind() {
        return KeyStoreKind.SOFT;
    }

    /**
     * {@inheritDoc}
     *
     * <p>The key id is the label plus a random suffix ({@code issuing-ca.5f0c1e9a2b7d4c3e}), so keys
     * generated under the same label, for instance across a key rollover, still cannot stand in for
     * each other.
     */
    @Override
    public StoredKey generate(AlgorithmPreset preset, String label) {
        byte[] suffix = new byte[KEY_ID_SUFFIX_BYTES];
        random.nextBytes(suffix);
        String keyId = KeyLabel.requireValid(label) + "." + HexFormat.of().formatHex(suffix);
        KeyPair pair = generateKeyPair(preset);
        byte[] privateKeyInfo = encodeWithPublicKey(pair);
        try {
            StoredKey key = StoredKey.soft(preset, keyId,
                    WrappedKeyBlob.wrap(masterKey, keyId, preset, privateKeyInfo, random));
            unwrapped.put(key, pair);
            return key;
        } finally {
            Arrays.fill(privateKeyInfo, (byte) 0);
        }
    }

    @Override
    public ContentSigner signer(StoredKey key) {
        PrivateKey privateKey = keyPair(key).getPrivate();
        try {
            return new JcaContentSignerBuilder(key.preset().signatureAlgorithm())
                    .setProvider(BOUNCY_CASTLE)
                    .build(privateKey);
        } catch (OperatorCreationException e) {
            throw new CaKeyException("Cannot create a " + key.preset().signatureAlgorithm()
                    + " signer for CA key '" + key.reference() + "'", e);
        }
    }

    @Override
    public PublicKey publicKey(StoredKey key) {
        return keyPair(key).getPublic();
    }

    private KeyPair keyPair(StoredKey key) {
        if (key.kind() != KeyStoreKind.SOFT) {
            throw new IllegalArgumentException(key + " is not a soft key");
        }
        return unwrapped.computeIfAbsent(key, this::unwrap);
    }

    private KeyPair generateKeyPair(AlgorithmPreset preset) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(preset.keyAlgorithm(), BOUNCY_CASTLE);
            preset.initialize(generator, random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new CaKeyException("Cannot generate a " + preset + " key", e);
        }
    }

    private KeyPair unwrap(StoredKey key) {
        byte[] privateKeyInfo = WrappedKeyBlob.unwrap(masterKey, key.reference(), key.preset(), key.wrappedKey());
        try {
            return decode(privateKeyInfo, key.preset());
        } catch (GeneralSecurityException | RuntimeException e) {
            // Authenticated under the right master key, yet unreadable: written by a broken build.
            throw new CaKeyException("The unwrapped CA key '" + key.reference() + "' is not a valid "
                    + key.preset() + " key", e);
        } finally {
            Arrays.fill(privateKeyInfo, (byte) 0);
        }
    }

    private static byte[] encodeWithPublicKey(KeyPair pair) {
        byte[] encoded = pair.getPrivate().getEncoded();
        try {
            PrivateKeyInfo info = PrivateKeyInfo.getInstance(encoded);
            SubjectPublicKeyInfo publicInfo = SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded());
            return new PrivateKeyInfo(info.getPrivateKeyAlgorithm(), info.parsePrivateKey(), info.getAttributes(),
                    publicInfo.getPublicKeyData().getBytes()).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new CaKeyException("Cannot encode a freshly generated " + pair.getPrivate().getAlgorithm() + " key", e);
        } finally {
            Arrays.fill(encoded, (byte) 0);
        }
    }

    private static KeyPair decode(byte[] privateKeyInfo, AlgorithmPreset preset) throws GeneralSecurityException {
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(privateKeyInfo);
        ASN1BitString publicKeyData = info.getPublicKeyData();
        if (publicKeyData == null) {
            throw new GeneralSecurityException("the wrapped key carries no public key");
        }
        KeyFactory factory = KeyFactory.getInstance(preset.keyAlgorithm(), BOUNCY_CASTLE);
        // The private key's algorithm identifier is the public key's too (rsaEncryption, id-ecPublicKey
        // with its curve, id-Ed25519), so the SubjectPublicKeyInfo can be rebuilt from the two parts.
        SubjectPublicKeyInfo publicInfo = new SubjectPublicKeyInfo(info.getPrivateKeyAlgorithm(), publicKeyData.getBytes());
        try {
            PublicKey publicKey = factory.generatePublic(new X509EncodedKeySpec(publicInfo.getEncoded(ASN1Encoding.DER)));
            PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(privateKeyInfo));
            return new KeyPair(publicKey, privateKey);
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot encode the public key", e);
        }
    }
}
