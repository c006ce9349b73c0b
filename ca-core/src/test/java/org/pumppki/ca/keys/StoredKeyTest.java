package org.pumppki.ca.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.pumppki.ca.crypto.AlgorithmPreset;

class StoredKeyTest {

    private static final byte[] BLOB = {1, 2, 3, 4, 5};

    @Test
    void restoresFromItsOwnColumnsToAnEqualValue() {
        StoredKey key = StoredKey.soft(AlgorithmPreset.EC_P256_SHA256, "issuing.0a1b", BLOB);

        StoredKey reloaded = StoredKey.restore(key.kind(), key.preset(), key.reference(), key.wrappedKey());

        assertEquals(key, reloaded);
        assertEquals(key.hashCode(), reloaded.hashCode());
    }

    @Test
    void wrappedKeyCannotBeChangedFromOutside() {
        byte[] columns = BLOB.clone();
        StoredKey key = StoredKey.restore(KeyStoreKind.SOFT, AlgorithmPreset.EC_P256_SHA256, "k", columns);

        columns[0] = 9;
        key.wrappedKey()[1] = 9;

        assertArrayEquals(BLOB, key.wrappedKey());
    }

    @Test
    void differentBlobsAreDifferentKeys() {
        StoredKey one = StoredKey.soft(AlgorithmPreset.EC_P256_SHA256, "k", BLOB);
        StoredKey other = StoredKey.soft(AlgorithmPreset.EC_P256_SHA256, "k", new byte[] {1, 2, 3, 4, 6});

        assertNotEquals(one, other);
    }

    @Test
    void pkcs11KeysCarryNoBlob() {
        StoredKey key = StoredKey.pkcs11(AlgorithmPreset.RSA_3072_SHA256, "root-ca");

        assertNull(key.wrappedKey());
        assertEquals(key, StoredKey.restore(KeyStoreKind.PKCS11, AlgorithmPreset.RSA_3072_SHA256, "root-ca", new byte[0]));
    }

    @ParameterizedTest
    @NullAndEmptySource
    void softKeysNeedTheirBlob(byte[] blob) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StoredKey.restore(KeyStoreKind.SOFT, AlgorithmPreset.EC_P256_SHA256, "k", blob));

        assertTrue(e.getMessage().contains("no wrapped key bytes"), e.getMessage());
    }

    @Test
    void pkcs11KeysRefuseABlob() {
        assertThrows(IllegalArgumentException.class,
                () -> StoredKey.restore(KeyStoreKind.PKCS11, AlgorithmPreset.EC_P256_SHA256, "k", BLOB));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = "  ")
    void referenceIsRequired(String reference) {
        assertThrows(IllegalArgumentException.class,
                () -> StoredKey.restore(KeyStoreKind.PKCS11, AlgorithmPreset.EC_P256_SHA256, reference, null));
    }

    @Test
    void toStringDescribesTheKeyWithoutItsBytes() {
        String text = StoredKey.soft(AlgorithmPreset.ED25519, "issuing.0a1b", BLOB).toString();

        assertEquals("StoredKey[SOFT ED25519 'issuing.0a1b', 5-byte wrapped key]", text);
        assertFalse(text.contains("[1, 2"));
    }
}
