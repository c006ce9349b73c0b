package org.pumppki.ca.keys;

/** Where a CA private key lives. Persisted by name next to each stored key; keep the names stable. */
public enum KeyStoreKind {
    /** Generated in software, kept in the database wrapped under the {@link MasterKey}. */
    SOFT,
    /** Generated inside a PKCS#11 token (an HSM); only its label is kept in the database. */
    PKCS11
}
