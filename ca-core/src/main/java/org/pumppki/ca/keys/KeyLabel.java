package org.pumppki.ca.keys;

import java.util.regex.Pattern;

/**
 * The rule for labels of newly generated keys. Labels end up as PKCS#11 CKA_LABEL values, in
 * placeholder certificate names and in log lines, so they are kept to a plain portable alphabet.
 */
final class KeyLabel {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private KeyLabel() {
    }

    static String requireValid(String label) {
        if (label == null || !VALID.matcher(label).matches()) {
            throw new IllegalArgumentException("Key label '" + label + "' must be 1 to 64 letters, digits, '.', '_'"
                    + " or '-', starting with a letter or digit");
        }
        return label;
    }
}
