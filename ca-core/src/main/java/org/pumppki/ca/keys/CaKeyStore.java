package org.pumppki.ca.keys;

import java.security.PublicKey;
import org.bouncycastle.operator.ContentSigner;
import org.pumppki.ca.crypto.AlgorithmPreset;

/**
 * The only way the CA reaches its private keys. A key store generates keys and hands out signers
 * and public keys for them; it never hands out a private key, so certificates, CRLs and OCSP
 * responses are built from a {@link ContentSigner} alone.
 *
 * <p>Implementations are safe for concurrent use. A {@link ContentSigner} is not: ask for a fresh
 * one for every structure you sign.
 */
public interface CaKeyStore {

    /** The kind of every key this store generates and accepts. */
    KeyStoreKind kind();

    /**
     * Generates a new key pair.
     *
     * @param label a human-readable name such as {@code issuing-ca-2025}: 1 to 64 letters, digits,
     *     '.', '_' or '-'
     * @return the value to persist; the store needs nothing else to use the key again later
     * @throws IllegalArgumentException if the label is malformed or the store cannot hold keys of
     *     this preset
     * @throws CaKeyException if the key cannot be generated or stored
     */
    StoredKey generate(AlgorithmPreset preset, String label);

    /**
     * A new signer with the key's private key and its preset's signature algorithm, for one use
     * by one thread.
     *
     * @throws IllegalArgumentException if the key belongs to another kind of store
     * @throws CaKeyException if the private key is unavailable (e.g. {@link MasterKeyMismatchException})
     */
    ContentSigner signer(StoredKey key);

    /**
     * The public key that verifies the key's signatures.
     *
     * @throws IllegalArgumentException if the key belongs to another kind of store
     * @throws CaKeyException if the key is unavailable
     */
    PublicKey publicKey(StoredKey key);
}
