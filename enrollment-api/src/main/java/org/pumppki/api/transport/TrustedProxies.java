package org.pumppki.api.transport;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Addresses and CIDR ranges of trusted TLS-terminating proxies ({@code 10.0.0.5}, {@code 10.0.0.0/24},
 * {@code fd00::/8}). Only address literals are accepted: nothing here ever resolves a name.
 */
final class TrustedProxies {

    private static final Pattern LITERAL = Pattern.compile("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    private record Range(byte[] network, int prefixLength) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int bits = network.length * 8;
            BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                    .shiftRight(prefixLength).not().and(BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE));
            return new BigInteger(1, address).and(mask).equals(new BigInteger(1, network).and(mask));
        }
    }

    private final List<Range> ranges;

    private TrustedProxies(List<Range> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    /** @throws IllegalArgumentException for an entry that is not an address or CIDR range */
    static TrustedProxies parse(List<String> entries) {
        List<Range> ranges = new ArrayList<>();
        for (String entry : entries) {
            String trimmed = entry.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int slash = trimmed.indexOf('/');
            byte[] address = literal(slash < 0 ? trimmed : trimmed.substring(0, slash), entry);
            int prefix = slash < 0 ? address.length * 8 : prefix(trimmed.substring(slash + 1), address.length * 8, entry);
            ranges.add(new Range(address, prefix));
        }
        return new TrustedProxies(ranges);
    }

    /** The address in its canonical text form, or null if it is not an IPv4 or IPv6 literal; never resolves. */
    static String canonical(String text) {
        byte[] bytes = io.netty.util.NetUtil.createByteArrayFromIpAddressString(text);
        return bytes == null ? null : io.netty.util.NetUtil.bytesToIpAddress(bytes);
    }

    boolean isEmpty() {
        return ranges.isEmpty();
    }

    boolean contains(String address) {
        if (address == null || !LITERAL.matcher(address).matches()) {
            return false;
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            return false;
        }
        return ranges.stream().anyMatch(range -> range.contains(bytes));
    }

    private static byte[] literal(String text, String entry) {
        if (!LITERAL.matcher(text).matches()) {
            throw new IllegalArgumentException("pki.http.trusted-proxies: '" + entry + "' is not an IP address or CIDR range");
        }
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("pki.http.trusted-proxies: '" + entry + "' is not an IP address or CIDR range", e);
        }
    }

    private static int prefix(String text, int max, String entry) {
        try {
            int prefix = Integer.parseInt(text);
            if (prefix >= 0 && prefix <= max) {
                return prefix;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("pki.http.trusted-proxies: '" + entry + "' has an invalid prefix length");
    }
}
