package org.pumppki.ca.keys;

/**
 * A wrapped soft key failed authentication under the right master key: its bytes were altered, or
 * they were copied from another key record (a different key id or algorithm preset). The key is
 * refused rather than used for signing.
 */
public final class WrappedKeyIntegrityException extends CaKeyException {

    WrappedKeyIntegrityException(String keyId, String problem) {
        super("The wrapped key of CA key '" + keyId + "' failed its integrity check (" + problem
                + "): the stored bytes were altered, or they belong to another CA key or algorithm.");
    }
}
