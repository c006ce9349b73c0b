package org.pumppki.ca.keys;

/**
 * The configured master key is not the one the stored soft CA keys were wrapped with.
 *
 * <p>The stored keys are intact; they become usable again as soon as the CA starts with the master
 * key they were created under. A new master key can never open them.
 */
public final class MasterKeyMismatchException extends CaKeyException {

    MasterKeyMismatchException(String keyId, String storedFingerprint, MasterKey configured) {
        super("The master key does not match the stored CA keys: CA key '" + keyId
                + "' was wrapped under the master key with fingerprint " + storedFingerprint
                + ", but the configured master key has fingerprint " + configured.fingerprint()
                + ". Configure the master key these CA keys were created with"
                + " (pki.master-key / PKI_MASTER_KEY or pki.master-key-file).");
    }
}
