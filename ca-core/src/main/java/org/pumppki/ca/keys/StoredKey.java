package org.pumppki.ca.keys;

import java.util.Arrays;
import java.util.Objects;
import org.pumppki.ca.crypto.AlgorithmPreset;

/**
 * What the database keeps about one CA key, as handed out by {@link CaKeyStore#generate}: enough
 * for the key store to find (PKCS#11) or unwrap (soft) the private key again, and nothing that can
 * sign on its own.
 *
 * <p>Persist the four accessors as columns and rebuild with {@link #restore}. Immutable; equal
 * values denote the same key.
 */
public final class StoredKey {

    private final KeyStoreKind kind;
    private final AlgorithmPreset preset;
    private final String reference;
    private final byte[] wrappedKey;
    private final int hash;

    private StoredKey(KeyStoreKind kind, AlgorithmPreset preset, String reference, byte[] wrappedKey) {
        this.kind = kind;
        this.preset = preset;
        this.reference = reference;
        this.wrappedKey = wrappedKey;
        // Keys are looked up in the stores' caches on every signature; hash the blob once.
        this.hash = Objects.hash(kind, preset, reference) * 31 + Arrays.hashCode(wrappedKey);
    }

    /**
     * Rebuilds a key from its persisted columns.
     *
     * @param wrappedKey the opaque blob for {@link KeyStoreKind#SOFT}; {@code null} (or empty) for
     *     {@link KeyStoreKind#PKCS11}, whose private key never leaves the token
     * @throws IllegalArgumentException if a column is missing or does not fit the kind
     */
    public static StoredKey restore(KeyStoreKind kind, AlgorithmPreset preset, String reference, byte[] wrappedKey) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(preset, "preset");
        if (reference == null || reference.isBlank()) {
            throw new IllegalArgumentException("A stored CA key needs its reference (key id or token label)");
        }
        boolean hasBlob = wrappedKey != null && wrappedKey.length > 0;
        return switch (kind) {
            case SOFT -> {
                if (!hasBlob) {
                    throw new IllegalArgumentException("Soft CA key '" + reference + "' has no wrapped key bytes");
                }
                yield new StoredKey(kind, preset, reference, wrappedKey.clone());
            }
            case PKCS11 -> {
                if (hasBlob) {
                    throw new IllegalArgumentException("PKCS#11 CA key '" + reference
                            + "' cannot carry wrapped key bytes: its private key stays in the token");
                }
                yield new StoredKey(kind, preset, reference, null);
            }
        };
    }

    static StoredKey soft(AlgorithmPreset preset, String keyId, byte[] wrappedKey) {
        return restore(KeyStoreKind.SOFT, preset, keyId, wrappedKey);
    }

    static StoredKey pkcs11(AlgorithmPreset preset, String alias) {
        return restore(KeyStoreKind.PKCS11, preset, alias, null);
    }

    /** The key store that holds the private key. */
    public KeyStoreKind kind() {
        return kind;
    }

    /** The algorithm preset the key was generated for and signs with. */
    public AlgorithmPreset preset() {
        return preset;
    }

    /** The soft key id, or the PKCS#11 label (KeyStore alias) of the key in its token. */
    public String reference() {
        return reference;
    }

    /**
     * A copy of the wrapped private key of a soft key: an opaque, versioned blob that only the
     * master key opens. {@code null} for PKCS#11 keys.
     */
    public byte[] wrappedKey() {
        return wrappedKey == null ? null : wrappedKey.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StoredKey that
                && kind == that.kind
                && preset == that.preset
                && reference.equals(that.reference)
                && Arrays.equals(wrappedKey, that.wrappedKey);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        String blob = wrappedKey == null ? "" : ", " + wrappedKey.length + "-byte wrapped key";
        return "StoredKey[" + kind + " " + preset + " '" + reference + "'" + blob + "]";
    }
}
