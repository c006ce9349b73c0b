package org.pumppki.ca.keys;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How to reach a PKCS#11 token through the JDK's SunPKCS11 provider: the vendor library, the slot,
 * the user PIN and a provider name.
 *
 * <p>{@link #sunPkcs11Config()} renders the provider configuration, including the templates that
 * make generated keys persistent token objects whose private half can never be exported. The PIN
 * is not part of it: the key store logs in with it, and keeps this object (and so the PIN) to log
 * in again when it rereads the token.
 */
public final class Pkcs11Config {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /*
     * CKA_TOKEN: keys survive the session and the process. CKA_SENSITIVE and CKA_EXTRACTABLE=false:
     * the token refuses to reveal or wrap the private key, so it exists nowhere else. A CA key only
     * signs; decryption, unwrapping and key agreement are switched off so it cannot be misused as
     * an oracle for anything else.
     */
    private static final String KEY_TEMPLATES = """
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
            """;

    private final String name;
    private final Path library;
    private final String slotEntry;
    private final char[] pin;

    private Pkcs11Config(String name, Path library, String slotEntry, char[] pin) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("PKCS#11 provider name '" + name
                    + "' must be 1 to 64 letters, digits, '.', '_' or '-'");
        }
        this.name = name;
        this.library = requireLibrary(library);
        this.slotEntry = slotEntry;
        Objects.requireNonNull(pin, "pin");
        if (pin.length == 0) {
            throw new IllegalArgumentException("The PKCS#11 user PIN is empty");
        }
        this.pin = pin.clone();
    }

    /**
     * A token addressed by its slot id, as listed by {@code pkcs11-tool -L} or
     * {@code softhsm2-util --show-slots}.
     *
     * @param slotId the PKCS#11 slot id; SunPKCS11 reads it as a Java {@code int}
     */
    public static Pkcs11Config forSlot(String name, Path library, long slotId, char[] pin) {
        if (slotId < 0 || slotId > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("PKCS#11 slot id " + slotId + " is outside 0.." + Integer.MAX_VALUE
                    + ", which is all SunPKCS11 accepts; address the token by its slot list index instead");
        }
        return new Pkcs11Config(name, library, "slot = " + slotId, pin);
    }

    /** A token addressed by its position among the slots that have a token present. */
    public static Pkcs11Config forSlotListIndex(String name, Path library, int slotListIndex, char[] pin) {
        if (slotListIndex < 0) {
            throw new IllegalArgumentException("PKCS#11 slot list index " + slotListIndex + " is negative");
        }
        return new Pkcs11Config(name, library, "slotListIndex = " + slotListIndex, pin);
    }

    /** The name the provider registers under: {@code SunPKCS11-<name>}. */
    public String providerName() {
        return "SunPKCS11-" + name;
    }

    /** The SunPKCS11 configuration text (without the leading {@code --} of inline configurations). */
    public String sunPkcs11Config() {
        // Quoted, so that paths with spaces survive SunPKCS11's tokenizer.
        return "name = " + name + "\n"
                + "library = \"" + library + "\"\n"
                + slotEntry + "\n"
                + KEY_TEMPLATES;
    }

    char[] pin() {
        return pin.clone();
    }

    @Override
    public String toString() {
        return "Pkcs11Config[name=" + name + ", library=" + library + ", " + slotEntry + ", pin=****]";
    }

    private static Path requireLibrary(Path library) {
        Objects.requireNonNull(library, "library");
        String text = library.toString();
        if (!library.isAbsolute()) {
            // SunPKCS11 insists on this too, to rule out loading a library planted in the working directory.
            throw new IllegalArgumentException("PKCS#11 library path must be absolute: " + text);
        }
        // SunPKCS11 reads the path as a quoted string and expands ${...} system properties in it.
        if (text.chars().anyMatch(c -> c == '"' || c == '\\' || c < ' ') || text.contains("${")) {
            throw new IllegalArgumentException("PKCS#11 library path contains characters SunPKCS11 cannot read"
                    + " in its configuration (quote, backslash, control character or '${'): " + text);
        }
        return library;
    }
}
