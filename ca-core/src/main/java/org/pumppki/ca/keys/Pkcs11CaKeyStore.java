package org.pumppki.ca.keys;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.InvalidParameterException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.ProviderException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.pumppki.ca.crypto.AlgorithmPreset;

/**
 * CA keys inside a PKCS#11 token (an HSM, or SoftHSM2 in tests), used through the JDK's SunPKCS11
 * provider. Private keys are generated in the token as persistent, sensitive, non-extractable
 * objects (see {@link Pkcs11Config}) and are only ever referenced, never read.
 *
 * <p>A key is addressed by its alias, the CKA_LABEL of the certificate stored with it. SunPKCS11 does
 * not see a private key without such a certificate, so {@link #generate} stores a self-signed
 * placeholder next to each new key, and a key prepared by an HSM administrator is found by
 * {@link #find} only if a certificate with the same CKA_ID sits next to it. Replace the placeholder
 * with the real CA certificate through {@link #replaceCertificate} once it is issued.
 *
 * <p>The token is opened and logged in to by the constructor. The PIN is used again only to reread
 * the token's labels, when a key is not found or before a new one is generated, since SunPKCS11
 * does not notice keys added by other processes on its own. A token stays logged in for the whole process once any provider has logged
 * in to it, so a second instance with a wrong PIN is not detected while another one is open. Key
 * handles are cached for the lifetime of the store; keys deleted or replaced in the token behind
 * its back need a new store.
 */
public final class Pkcs11CaKeyStore implements CaKeyStore {

    private static final Set<AlgorithmPreset> TOKEN_PRESETS = EnumSet.of(
            AlgorithmPreset.EC_P256_SHA256, AlgorithmPreset.EC_P384_SHA384,
            AlgorithmPreset.RSA_2048_SHA256, AlgorithmPreset.RSA_3072_SHA256, AlgorithmPreset.RSA_4096_SHA256);

    private final Pkcs11Config config;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Provider provider;
    private final KeyStore keyStore;
    private final ConcurrentMap<StoredKey, TokenKey> tokenKeys = new ConcurrentHashMap<>();

    /** A private key handle in the token and the public key from its certificate. */
    private record TokenKey(PrivateKey privateKey, PublicKey publicKey) {
    }

    /**
     * Loads the PKCS#11 library, opens the configured slot and logs in with the PIN.
     *
     * @param clock the source of the placeholder certificates' validity
     * @throws CaKeyException if the library, slot or token cannot be used or the PIN is refused
     */
    public Pkcs11CaKeyStore(Pkcs11Config config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.provider = loadProvider(config);
        this.keyStore = logIn(provider, config);
    }

    @Override
    public KeyStoreKind kind() {
        return KeyStoreKind.PKCS11;
    }

    /**
     * {@inheritDoc}
     *
     * <p>The label becomes the key's alias (CKA_LABEL of its placeholder certificate, CKA_ID of the
     * private key and certificate). A label already present in the token is refused.
     *
     * @throws IllegalArgumentException also for Ed25519, which SunPKCS11 in Java 17 cannot generate
     */
    @Override
    public synchronized StoredKey generate(AlgorithmPreset preset, String label) {
        KeyLabel.requireValid(label);
        if (!TOKEN_PRESETS.contains(preset)) {
            throw new IllegalArgumentException("PKCS#11 keys can be " + TOKEN_PRESETS + "; SunPKCS11 in Java 17"
                    + " cannot generate " + preset + " keys");
        }
        try {
            refreshAliases();
            if (keyStore.containsAlias(label)) {
                throw new CaKeyException("The PKCS#11 token " + config.providerName()
                        + " already holds an entry labelled '" + label + "'");
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance(preset.keyAlgorithm(), provider);
            // The token draws the key from its own random number generator.
            preset.initialize(generator, null);
            KeyPair pair = generator.generateKeyPair();
            // The pair already exists in the token as unlabelled objects. Should storing the entry fail,
            // they stay there: SunPKCS11 cannot address them without a label, only an HSM admin can.
            X509Certificate placeholder = PlaceholderCertificate.selfSigned(
                    pair, preset, label, clock.instant(), provider, random);
            keyStore.setKeyEntry(label, pair.getPrivate(), null, new Certificate[] {placeholder});
        } catch (GeneralSecurityException | ProviderException e) {
            throw new CaKeyException("Cannot generate a " + preset + " key labelled '" + label
                    + "' in the PKCS#11 token " + config.providerName() + ": " + e.getMessage(), e);
        }
        return StoredKey.pkcs11(preset, label);
    }

    /**
     * The key stored in the token under {@code alias}, for instance one generated by an HSM
     * administrator; its preset is recognised from the public key.
     *
     * @throws CaKeyException if there is no private key with a certificate under that alias, or its
     *     algorithm is not one of the presets
     */
    public StoredKey find(String alias) {
        return StoredKey.pkcs11(presetOf(alias, certificate(alias).getPublicKey()), alias);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Object handles of a token go stale when its sessions are re-established (the token was
     * reread, the HSM restarted); a signer that cannot be initialised with the cached handle is
     * built once more from a fresh lookup.
     */
    @Override
    public ContentSigner signer(StoredKey key) {
        try {
            return signerFor(key, tokenKey(key).privateKey());
        } catch (OperatorCreationException | ProviderException stale) {
            tokenKeys.remove(key);
            synchronized (this) {
                refreshAliases();
            }
            try {
                return signerFor(key, tokenKey(key).privateKey());
            } catch (OperatorCreationException | ProviderException e) {
                e.addSuppressed(stale);
                throw new CaKeyException("Cannot create a " + key.preset().signatureAlgorithm()
                        + " signer for token key '" + key.reference() + "'", e);
            }
        }
    }

    private ContentSigner signerFor(StoredKey key, PrivateKey privateKey) throws OperatorCreationException {
        return new JcaContentSignerBuilder(key.preset().signatureAlgorithm()).setProvider(provider).build(privateKey);
    }

    @Override
    public PublicKey publicKey(StoredKey key) {
        return tokenKey(key).publicKey();
    }

    /**
     * Stores {@code certificate} with the key in place of its current certificate (normally the
     * placeholder), keeping the alias. The private key is untouched.
     *
     * @throws IllegalArgumentException if the certificate is for another public key
     */
    public synchronized void replaceCertificate(StoredKey key, X509Certificate certificate) {
        TokenKey tokenKey = tokenKey(key);
        if (!Arrays.equals(tokenKey.publicKey().getEncoded(), certificate.getPublicKey().getEncoded())) {
            throw new IllegalArgumentException("Certificate '" + certificate.getSubjectX500Principal()
                    + "' is not for token key '" + key.reference() + "'");
        }
        try {
            // SunPKCS11 recognises the existing entry by its public key and swaps only the certificate.
            keyStore.setKeyEntry(key.reference(), tokenKey.privateKey(), null, new Certificate[] {certificate});
        } catch (GeneralSecurityException | ProviderException e) {
            throw new CaKeyException("Cannot store the certificate of token key '" + key.reference() + "'", e);
        }
    }

    private TokenKey tokenKey(StoredKey key) {
        if (key.kind() != KeyStoreKind.PKCS11) {
            throw new IllegalArgumentException(key + " is not a PKCS#11 key");
        }
        return tokenKeys.computeIfAbsent(key, this::loadTokenKey);
    }

    private TokenKey loadTokenKey(StoredKey key) {
        String alias = key.reference();
        PublicKey publicKey = certificate(alias).getPublicKey();
        AlgorithmPreset actual = presetOf(alias, publicKey);
        if (actual != key.preset()) {
            throw new CaKeyException("Token key '" + alias + "' is " + actual + ", but it is recorded as "
                    + key.preset());
        }
        try {
            if (!(keyStore.getKey(alias, null) instanceof PrivateKey privateKey)) {
                throw new CaKeyException(missingKey(alias));
            }
            return new TokenKey(privateKey, publicKey);
        } catch (GeneralSecurityException | ProviderException e) {
            throw new CaKeyException("Cannot read token key '" + alias + "': " + e.getMessage(), e);
        }
    }

    private X509Certificate certificate(String alias) {
        try {
            X509Certificate certificate = lookUpCertificate(alias);
            if (certificate == null) {
                refreshAliases();
                certificate = lookUpCertificate(alias);
            }
            if (certificate == null) {
                throw new CaKeyException(missingKey(alias));
            }
            return certificate;
        } catch (GeneralSecurityException | ProviderException e) {
            throw new CaKeyException("Cannot read token key '" + alias + "': " + e.getMessage(), e);
        }
    }

    private X509Certificate lookUpCertificate(String alias) throws KeyStoreException {
        return keyStore.isKeyEntry(alias) && keyStore.getCertificate(alias) instanceof X509Certificate certificate
                ? certificate
                : null;
    }

    /**
     * SunPKCS11 maps aliases to token objects when the KeyStore is loaded and after its own writes
     * only; keys added since by an HSM administrator or another CA instance need a reload.
     */
    private void refreshAliases() {
        char[] pin = config.pin();
        try {
            keyStore.load(null, pin);
        } catch (IOException | GeneralSecurityException | ProviderException e) {
            throw new CaKeyException("Cannot reread the PKCS#11 token with " + config + ": " + describe(e), e);
        } finally {
            Arrays.fill(pin, '\0');
        }
    }

    private static AlgorithmPreset presetOf(String alias, PublicKey publicKey) {
        try {
            return AlgorithmPreset.forPublicKey(publicKey);
        } catch (IllegalArgumentException e) {
            throw new CaKeyException("Token key '" + alias + "' cannot serve as a CA key: " + e.getMessage(), e);
        }
    }

    private String missingKey(String alias) {
        return "The PKCS#11 token " + config.providerName() + " has no private key labelled '" + alias
                + "'. SunPKCS11 only sees a private key that has a certificate with the same CKA_ID;"
                + " the alias is that certificate's CKA_LABEL.";
    }

    private static Provider loadProvider(Pkcs11Config config) {
        Provider prototype = Security.getProvider("SunPKCS11");
        if (prototype == null) {
            throw new CaKeyException("This Java runtime has no SunPKCS11 provider (module jdk.crypto.cryptoki)");
        }
        try {
            // A leading "--" tells SunPKCS11 that the argument is the configuration itself, not a file name.
            return prototype.configure("--" + config.sunPkcs11Config());
        } catch (ProviderException | InvalidParameterException e) {
            throw new CaKeyException("Cannot open PKCS#11 token with " + config + ": " + describe(e), e);
        }
    }

    private static KeyStore logIn(Provider provider, Pkcs11Config config) {
        char[] pin = config.pin();
        try {
            KeyStore keyStore = KeyStore.getInstance("PKCS11", provider);
            keyStore.load(null, pin);
            return keyStore;
        } catch (IOException | GeneralSecurityException | ProviderException e) {
            throw new CaKeyException("Cannot log in to PKCS#11 token with " + config + ": " + describe(e), e);
        } finally {
            Arrays.fill(pin, '\0');
        }
    }

    /** SunPKCS11 wraps the PKCS#11 return code (CKR_PIN_INCORRECT, ...) a few causes deep. */
    private static String describe(Throwable error) {
        StringBuilder text = new StringBuilder(String.valueOf(error.getMessage()));
        for (Throwable cause = error.getCause(); cause != null; cause = cause.getCause()) {
            text.append(" / ").append(cause.getMessage());
        }
        return text.toString();
    }
}
