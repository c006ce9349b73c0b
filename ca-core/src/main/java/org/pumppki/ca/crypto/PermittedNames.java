package org.pumppki.ca.crypto;

import java.math.BigInteger;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The host names server certificates may carry: DNS suffixes ({@code hospital.example} permits that
 * name and every name below it) and IP ranges in CIDR notation ({@code 10.20.0.0/16}; a bare
 * address is a range of one). No entries means no restriction. With entries, a name outside all of
 * them is refused, whatever its kind: configuring only DNS suffixes permits no IP address.
 */
public final class PermittedNames {

    private static final PermittedNames UNRESTRICTED = new PermittedNames(List.of(), List.of());

    private final List<String> dnsSuffixes;
    private final List<IpRange> ipRanges;

    /** A network address and prefix length. */
    private record IpRange(byte[] network, int prefixLength) {

        boolean contains(InetAddress address) {
            byte[] octets = address.getAddress();
            if (octets.length != network.length) {
                return false;
            }
            int bits = octets.length * 8;
            BigInteger mask = prefixLength == 0 ? BigInteger.ZERO
                    : BigInteger.ONE.shiftLeft(prefixLength).subtract(BigInteger.ONE).shiftLeft(bits - prefixLength);
            return new BigInteger(1, octets).and(mask).equals(new BigInteger(1, network).and(mask));
        }

        @Override
        public String toString() {
            return ServerName.byAddress(network).getHostAddress() + "/" + prefixLength;
        }
    }

    private PermittedNames(List<String> dnsSuffixes, List<IpRange> ipRanges) {
        this.dnsSuffixes = List.copyOf(dnsSuffixes);
        this.ipRanges = List.copyOf(ipRanges);
    }

    public static PermittedNames unrestricted() {
        return UNRESTRICTED;
    }

    /**
     * @param entries DNS suffixes (a leading dot is ignored) and IP ranges; blank entries are skipped
     * @throws IllegalArgumentException naming the entry that is neither
     */
    public static PermittedNames parse(Collection<String> entries) {
        List<String> suffixes = new ArrayList<>();
        List<IpRange> ranges = new ArrayList<>();
        for (String entry : entries) {
            String text = entry == null ? "" : entry.trim();
            if (text.isEmpty()) {
                continue;
            }
            int slash = text.indexOf('/');
            String host = slash < 0 ? text : text.substring(0, slash);
            ServerName name = ServerName.parse(host.startsWith(".") ? host.substring(1) : host);
            if (name.ipAddress().isPresent()) {
                ranges.add(range(text, name.ipAddress().get(), slash < 0 ? null : text.substring(slash + 1)));
            } else if (slash >= 0) {
                throw new IllegalArgumentException("'" + text + "': a prefix length belongs to an IP range only");
            } else {
                suffixes.add(name.dnsName().orElseThrow());
            }
        }
        return suffixes.isEmpty() && ranges.isEmpty() ? UNRESTRICTED : new PermittedNames(suffixes, ranges);
    }

    public boolean isUnrestricted() {
        return dnsSuffixes.isEmpty() && ipRanges.isEmpty();
    }

    public boolean permits(ServerName name) {
        if (isUnrestricted()) {
            return true;
        }
        if (name.dnsName().isPresent()) {
            String dns = name.dnsName().get();
            return dnsSuffixes.stream().anyMatch(suffix -> dns.equals(suffix) || dns.endsWith("." + suffix));
        }
        return permits(name.ipAddress().orElseThrow());
    }

    public boolean permits(InetAddress address) {
        return isUnrestricted() || ipRanges.stream().anyMatch(range -> range.contains(address));
    }

    @Override
    public String toString() {
        if (isUnrestricted()) {
            return "any name";
        }
        List<String> entries = new ArrayList<>(dnsSuffixes);
        ipRanges.forEach(range -> entries.add(range.toString()));
        return String.join(", ", entries);
    }

    private static IpRange range(String entry, InetAddress network, String prefix) {
        int bits = network.getAddress().length * 8;
        int length;
        try {
            length = prefix == null ? bits : Integer.parseInt(prefix);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + entry + "': the prefix length is not a number", e);
        }
        if (length < 0 || length > bits) {
            throw new IllegalArgumentException("'" + entry + "': the prefix length must be between 0 and " + bits);
        }
        return new IpRange(network.getAddress(), length);
    }
}
