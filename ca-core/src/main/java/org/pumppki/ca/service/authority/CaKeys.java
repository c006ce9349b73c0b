package org.pumppki.ca.service.authority;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.security.PublicKey;
import java.time.Clock;
import java.util.function.Supplier;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.operator.ContentSigner;
import org.pumppki.ca.config.PkiConfig;
import org.pumppki.ca.crypto.AlgorithmPreset;
import org.pumppki.ca.keys.CaKeyStore;
import org.pumppki.ca.keys.KeyStoreKind;
import org.pumppki.ca.keys.Pkcs11CaKeyStore;
import org.pumppki.ca.keys.Pkcs11Config;
import org.pumppki.ca.keys.SoftCaKeyStore;
import org.pumppki.ca.keys.StoredKey;
import org.pumppki.ca.store.CaKey;
import org.pumppki.ca.store.CaKeyRepository;

/**
 * The CA's key stores as one: generates keys where configured, records where they live and hands
 * out signers. Private keys stay inside {@code ca-core/keys}.
 */
@ApplicationScoped
public class CaKeys {

    private final PkiConfig config;
    private final CaKeyRepository repository;
    private final Clock clock;
    private volatile SoftCaKeyStore soft;
    private volatile Pkcs11CaKeyStore pkcs11;

    CaKeys(PkiConfig config, CaKeyRepository repository, Clock clock) {
        this.config = config;
        this.repository = repository;
        this.clock = clock;
    }

    /**
     * Opens the key stores and checks that every recorded key can be used, so that a wrong master
     * key or an unreachable token stops start-up with a clear message instead of failing later.
     */
    @Transactional
    public void open() {
        softStore();
        for (CaKey key : repository.listAll()) {
            signer(key);
        }
    }

    /** Generates a key in the store of the given kind and records it. */
    @Transactional
    public CaKey generate(KeyStoreKind kind, AlgorithmPreset preset, String label) {
        StoredKey stored = store(kind).generate(preset, label);
        CaKey key = new CaKey();
        key.kind = kind.name().toLowerCase(java.util.Locale.ROOT);
        key.preset = preset.name();
        key.reference = stored.reference();
        key.wrappedKey = stored.wrappedKey();
        key.publicKey = store(kind).publicKey(stored).getEncoded();
        key.createdAt = clock.instant();
        repository.persist(key);
        return key;
    }

    /** A fresh signer for the key; signers are not thread-safe, so never share one. */
    public ContentSigner signer(CaKey key) {
        StoredKey stored = stored(key);
        return store(stored.kind()).signer(stored);
    }

    /**
     * Makes a fresh signer for the key at each call, for a holder that signs on several threads
     * (each signer used by one at a time). Usable after the transaction that read {@code key}.
     */
    public Supplier<ContentSigner> signerSource(CaKey key) {
        StoredKey stored = stored(key);
        CaKeyStore store = store(stored.kind());
        return () -> store.signer(stored);
    }

    /** Whether the key signs in this process's memory (a software key), not in a token. */
    public boolean inMemory(CaKey key) {
        return stored(key).kind() == KeyStoreKind.SOFT;
    }

    public PublicKey publicKey(CaKey key) {
        StoredKey stored = stored(key);
        return store(stored.kind()).publicKey(stored);
    }

    /** Stores the CA certificate next to its key in a PKCS#11 token, replacing the placeholder. */
    public void storeCertificate(CaKey key, X509CertificateHolder certificate) {
        try {
            X509Certificate x509 = new JcaX509CertificateConverter().getCertificate(certificate);
            pkcs11Store().replaceCertificate(stored(key), x509);
        } catch (CertificateException e) {
            throw new IllegalStateException("Cannot convert the CA certificate", e);
        }
    }

    /** The kind of store new CA keys go to, from {@code pki.ca.key-store}. */
    public KeyStoreKind defaultKind() {
        return switch (config.ca().keyStore().trim().toLowerCase(java.util.Locale.ROOT)) {
            case "soft" -> KeyStoreKind.SOFT;
            case "pkcs11" -> KeyStoreKind.PKCS11;
            default -> throw new IllegalStateException("pki.ca.key-store must be soft or pkcs11, not '"
                    + config.ca().keyStore() + "'");
        };
    }

    private CaKeyStore store(KeyStoreKind kind) {
        return kind == KeyStoreKind.SOFT ? softStore() : pkcs11Store();
    }

    private SoftCaKeyStore softStore() {
        SoftCaKeyStore store = soft;
        if (store == null) {
            synchronized (this) {
                if (soft == null) {
                    soft = new SoftCaKeyStore(MasterKeySource.resolve(config, repository.softKeysExist()));
                }
                store = soft;
            }
        }
        return store;
    }

    private Pkcs11CaKeyStore pkcs11Store() {
        Pkcs11CaKeyStore store = pkcs11;
        if (store == null) {
            synchronized (this) {
                if (pkcs11 == null) {
                    pkcs11 = new Pkcs11CaKeyStore(pkcs11Config(), clock);
                }
                store = pkcs11;
            }
        }
        return store;
    }

    private Pkcs11Config pkcs11Config() {
        PkiConfig.Keys.Pkcs11 settings = config.keys().pkcs11();
        var library = settings.library().orElseThrow(() -> new IllegalStateException(
                "A PKCS#11 key is needed but pki.keys.pkcs11.library is not set"));
        char[] pin = settings.pin().orElseThrow(() -> new IllegalStateException(
                "pki.keys.pkcs11.pin is required with pki.keys.pkcs11.library")).toCharArray();
        if (settings.slot().isPresent()) {
            return Pkcs11Config.forSlot(settings.name(), library, settings.slot().getAsLong(), pin);
        }
        return Pkcs11Config.forSlotListIndex(settings.name(), library, settings.slotListIndex().orElse(0), pin);
    }

    private static StoredKey stored(CaKey key) {
        return StoredKey.restore(KeyStoreKind.valueOf(key.kind.toUpperCase(java.util.Locale.ROOT)),
                AlgorithmPreset.valueOf(key.preset), key.reference, key.wrappedKey);
    }
}
