package org.pumppki.ca.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Pkcs11ConfigTest {

    private static final Path LIBRARY = Path.of("/usr/lib/softhsm/libsofthsm2.so");
    private static final char[] PIN = "84213579".toCharArray();

    @Test
    void rendersSlotAndTemplatesForPersistentUnextractableKeys() {
        Pkcs11Config config = Pkcs11Config.forSlot("pumppki-ca", LIBRARY, 1303381868L, PIN);

        assertEquals("""
                name = pumppki-ca
                library = "/usr/lib/softhsm/libsofthsm2.so"
                slot = 1303381868
                attributes(generate, CKO_PRIVATE_KEY, *) = {
                  CKA_TOKEN = true
                  CKA_PRIVATE = true
                  CKA_SENSITIVE = true
                  CKA_EXTRACTABLE = false
                  CKA_SIGN = true
                  CKA_DECRYPT = false
                  CKA_UNWRAP = false
                  CKA_DERIVE = false
                }
                attributes(generate, CKO_PUBLIC_KEY, *) = {
                  CKA_TOKEN = true
                  CKA_VERIFY = true
                  CKA_ENCRYPT = false
                  CKA_WRAP = false
                }
                """, config.sunPkcs11Config());
        assertEquals("SunPKCS11-pumppki-ca", config.providerName());
    }

    @Test
    void rendersSlotListIndex() {
        Pkcs11Config config = Pkcs11Config.forSlotListIndex("hsm", Path.of("/opt/hsm vendor/lib/p11.so"), 2, PIN);

        assertTrue(config.sunPkcs11Config().startsWith("""
                name = hsm
                library = "/opt/hsm vendor/lib/p11.so"
                slotListIndex = 2
                """), config.sunPkcs11Config());
    }

    @Test
    void pinIsKeptOutOfTheConfigurationAndToString() {
        Pkcs11Config config = Pkcs11Config.forSlot("pumppki-ca", LIBRARY, 0, PIN);

        assertFalse(config.sunPkcs11Config().contains("84213579"));
        assertFalse(config.toString().contains("84213579"), config.toString());
        assertArrayEquals(PIN, config.pin());
    }

    @Test
    void keepsItsOwnCopyOfThePin() {
        char[] pin = PIN.clone();
        Pkcs11Config config = Pkcs11Config.forSlot("pumppki-ca", LIBRARY, 0, pin);

        pin[0] = 'x';
        config.pin()[1] = 'x';

        assertArrayEquals(PIN, config.pin());
    }

    @ParameterizedTest
    @ValueSource(strings = {"relative/libsofthsm2.so", "/opt/${user.home}/p11.so", "/opt/\"quoted\"/p11.so"})
    void rejectsLibraryPathsSunPkcs11WouldMisread(String library) {
        assertThrows(IllegalArgumentException.class, () -> Pkcs11Config.forSlot("hsm", Path.of(library), 0, PIN));
    }

    @Test
    void rejectsSlotIdsBeyondWhatSunPkcs11Reads() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Pkcs11Config.forSlot("hsm", LIBRARY, 1L << 31, PIN));

        assertTrue(e.getMessage().contains("slot list index"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "two words", "name\nlibrary = /tmp/evil.so"})
    void rejectsNamesThatAreNotPlainWords(String name) {
        assertThrows(IllegalArgumentException.class, () -> Pkcs11Config.forSlot(name, LIBRARY, 0, PIN));
    }

    @Test
    void rejectsAnEmptyPin() {
        assertThrows(IllegalArgumentException.class, () -> Pkcs11Config.forSlot("hsm", LIBRARY, 0, new char[0]));
    }
}
