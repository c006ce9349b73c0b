package org.pumppki.ca.crypto;

/** The public key families the key policy admits, with what each may be used for. */
public enum KeyFamily {
    RSA(true),
    EC(false),
    ED25519(false);

    private final boolean keyEncipherment;

    KeyFamily(boolean keyEncipherment) {
        this.keyEncipherment = keyEncipherment;
    }

    /**
     * Whether certificates for this family also get the keyEncipherment key usage. Only RSA can
     * carry a TLS 1.2 RSA key exchange, which some pump TLS stacks still negotiate.
     */
    public boolean supportsKeyEncipherment() {
        return keyEncipherment;
    }
}
