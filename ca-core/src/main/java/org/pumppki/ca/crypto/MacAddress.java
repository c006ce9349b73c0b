package org.pumppki.ca.crypto;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A 48-bit IEEE MAC address. Its text form is the one RADIUS uses for Calling-Station-Id (RFC 3580
 * §3.21): upper-case hex octets separated by hyphens, {@code 00-1A-2B-3C-4D-5E}. That is the form
 * FreeRADIUS policies and Cisco ISE compare against, so certificates carry it the same way.
 */
public final class MacAddress {

    private static final Pattern SEPARATED = Pattern.compile("\\p{XDigit}{2}([-:])(\\p{XDigit}{2}\\1){4}\\p{XDigit}{2}");
    private static final Pattern CISCO_DOTTED = Pattern.compile("\\p{XDigit}{4}\\.\\p{XDigit}{4}\\.\\p{XDigit}{4}");
    private static final Pattern BARE = Pattern.compile("\\p{XDigit}{12}");

    private final byte[] octets;

    private MacAddress(byte[] octets) {
        this.octets = octets;
    }

    /**
     * Parses {@code 00:1a:2b:3c:4d:5e}, {@code 00-1A-2B-3C-4D-5E}, {@code 001a.2b3c.4d5e} or
     * {@code 001a2b3c4d5e}.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static MacAddress parse(String text) {
        String trimmed = text.trim();
        if (!SEPARATED.matcher(trimmed).matches() && !CISCO_DOTTED.matcher(trimmed).matches() && !BARE.matcher(trimmed).matches()) {
            throw new IllegalArgumentException("Not a MAC address: '" + text + "'");
        }
        return new MacAddress(HexFormat.of().parseHex(trimmed.replaceAll("[-:.]", "")));
    }

    public byte[] octets() {
        return octets.clone();
    }

    /** {@code 00-1A-2B-3C-4D-5E}. */
    @Override
    public String toString() {
        return HexFormat.ofDelimiter("-").withUpperCase().formatHex(octets);
    }

    /** {@code 00:1a:2b:3c:4d:5e}, for display next to switch and controller logs. */
    public String colonSeparated() {
        return HexFormat.ofDelimiter(":").formatHex(octets).toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MacAddress mac && Arrays.equals(mac.octets, octets);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(octets);
    }
}
