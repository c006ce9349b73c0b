package org.pumppki.ca.crypto;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bouncycastle.util.IPAddress;

/**
 * A host name a server is registered for: a DNS name (lower case, no trailing dot, no wildcard) or
 * an IP address literal. Parsing never asks DNS: text that is not a well-formed address literal is
 * a DNS name or nothing, and address literals are decoded by hand ({@link InetAddress#getByName} is
 * only given text Bouncy Castle has already validated as an IPv6 literal, which it never resolves).
 */
public final class ServerName {

    private static final int MAX_DNS_NAME_LENGTH = 253;
    private static final Pattern DNS_LABEL = Pattern.compile("(?!-)[a-z0-9-]{1,63}(?<!-)");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    private final String dnsName;
    private final InetAddress address;

    private ServerName(String dnsName, InetAddress address) {
        this.dnsName = dnsName;
        this.address = address;
    }

    /**
     * @throws IllegalArgumentException with a message a person can act on, for wildcards and
     *         anything that is neither a DNS name nor an IP address
     */
    public static ServerName parse(String text) {
        String name = Objects.requireNonNull(text, "text").trim().toLowerCase(Locale.ROOT);
        if (name.contains(":")) {
            return new ServerName(null, ipv6(name));
        }
        if (IPAddress.isValidIPv4(name)) {
            return new ServerName(null, ipv4(name));
        }
        if (name.contains("*")) {
            throw new IllegalArgumentException("'" + text + "' is a wildcard; servers get certificates for the host names "
                    + "they are registered with, one by one");
        }
        String canonical = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if (canonical.isEmpty() || canonical.length() > MAX_DNS_NAME_LENGTH) {
            throw notAHostName(text);
        }
        String[] labels = canonical.split("\\.", -1);
        for (String label : labels) {
            if (!DNS_LABEL.matcher(label).matches()) {
                throw notAHostName(text);
            }
        }
        if (DIGITS.matcher(labels[labels.length - 1]).matches()) {
            // All-numeric top-level labels do not exist (RFC 3696 §2): this is a malformed address.
            throw notAHostName(text);
        }
        return new ServerName(canonical, null);
    }

    public Optional<String> dnsName() {
        return Optional.ofNullable(dnsName);
    }

    public Optional<InetAddress> ipAddress() {
        return Optional.ofNullable(address);
    }

    /** The canonical text: the DNS name, or the address in Java's standard notation. */
    public String text() {
        return dnsName != null ? dnsName : address.getHostAddress();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ServerName that && Objects.equals(dnsName, that.dnsName)
                && Objects.equals(address, that.address);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dnsName, address);
    }

    @Override
    public String toString() {
        return text();
    }

    private static InetAddress ipv4(String text) {
        String[] parts = text.split("\\.");
        byte[] octets = new byte[4];
        for (int i = 0; i < 4; i++) {
            octets[i] = (byte) Integer.parseInt(parts[i]);
        }
        return byAddress(octets);
    }

    private static InetAddress ipv6(String text) {
        if (!IPAddress.isValidIPv6(text)) {
            throw new IllegalArgumentException("'" + text + "' is not a valid IPv6 address");
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + text + "' is not a valid IPv6 address", e);
        }
    }

    static InetAddress byAddress(byte[] octets) {
        try {
            return InetAddress.getByAddress(octets);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("An IP address has 4 or 16 octets", e);
        }
    }

    private static IllegalArgumentException notAHostName(String text) {
        return new IllegalArgumentException("'" + text + "' is neither a DNS name nor an IP address");
    }
}
