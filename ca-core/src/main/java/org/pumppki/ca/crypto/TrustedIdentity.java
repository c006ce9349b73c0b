package org.pumppki.ca.crypto;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.DERPrintableString;

/**
 * Who a certificate is for, as recorded in our own inventory, never as claimed by a request: a
 * pump's serial number, model, manufacturer and MAC address, or a server's registered host names
 * and addresses. Profiles build subjects and subjectAltNames only from this, and use it to judge
 * what a CSR asks for.
 */
public final class TrustedIdentity {

    private static final int MAX_SERIAL_LENGTH = 64;
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final int MAX_DNS_NAME_LENGTH = 253;

    private final String deviceSerial;
    private final String commonName;
    private final String model;
    private final String manufacturer;
    private final MacAddress macAddress;
    private final List<String> dnsNames;
    private final List<InetAddress> ipAddresses;

    private TrustedIdentity(Builder builder) {
        this.deviceSerial = builder.deviceSerial;
        this.commonName = builder.commonName;
        this.model = builder.model;
        this.manufacturer = builder.manufacturer;
        this.macAddress = builder.macAddress;
        this.dnsNames = List.copyOf(new LinkedHashSet<>(builder.dnsNames));
        this.ipAddresses = List.copyOf(new LinkedHashSet<>(builder.ipAddresses));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The device serial number, which becomes the subject serialNumber of a pump certificate. */
    public Optional<String> deviceSerial() {
        return Optional.ofNullable(deviceSerial);
    }

    /** A display name chosen by an operator; the CN of server and responder certificates. */
    public Optional<String> commonName() {
        return Optional.ofNullable(commonName);
    }

    public Optional<String> model() {
        return Optional.ofNullable(model);
    }

    public Optional<String> manufacturer() {
        return Optional.ofNullable(manufacturer);
    }

    public Optional<MacAddress> macAddress() {
        return Optional.ofNullable(macAddress);
    }

    /** Registered DNS names, lower case, without a trailing dot, in registration order. */
    public List<String> dnsNames() {
        return dnsNames;
    }

    public List<InetAddress> ipAddresses() {
        return ipAddresses;
    }

    /** The device serial, or {@link PolicyViolation#IDENTITY_INCOMPLETE} for profiles that need one. */
    String requireDeviceSerial() {
        if (deviceSerial == null) {
            throw new PolicyViolationException(PolicyViolation.IDENTITY_INCOMPLETE, "The device record has no serial number");
        }
        return deviceSerial;
    }

    /**
     * The canonical form host names are compared in: lower case, no trailing dot. Returns
     * {@code null} for text that is not a valid host name (wildcards included).
     */
    static String canonicalDnsName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        String canonical = lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
        if (canonical.isEmpty() || canonical.length() > MAX_DNS_NAME_LENGTH) {
            return null;
        }
        for (String label : canonical.split("\\.", -1)) {
            if (!DNS_LABEL.matcher(label).matches()) {
                return null;
            }
        }
        return canonical;
    }

    /** Builds an identity; values are validated as they are set. */
    public static final class Builder {

        private String deviceSerial;
        private String commonName;
        private String model;
        private String manufacturer;
        private MacAddress macAddress;
        private final List<String> dnsNames = new ArrayList<>();
        private final List<InetAddress> ipAddresses = new ArrayList<>();

        private Builder() {
        }

        /**
         * @throws IllegalArgumentException unless 1 to 64 PrintableString characters, which X.520
         *         requires of the serialNumber attribute
         */
        public Builder deviceSerial(String serial) {
            if (serial == null || serial.isBlank() || serial.length() > MAX_SERIAL_LENGTH || !DERPrintableString.isPrintableString(serial)) {
                throw new IllegalArgumentException("A device serial must be 1 to " + MAX_SERIAL_LENGTH
                        + " characters from A-Z a-z 0-9 space ' ( ) + , - . / : = ?, got '" + serial + "'");
            }
            this.deviceSerial = serial;
            return this;
        }

        public Builder commonName(String name) {
            this.commonName = requireText("common name", name);
            return this;
        }

        public Builder model(String model) {
            this.model = requireText("model", model);
            return this;
        }

        public Builder manufacturer(String manufacturer) {
            this.manufacturer = requireText("manufacturer", manufacturer);
            return this;
        }

        public Builder macAddress(MacAddress macAddress) {
            this.macAddress = macAddress;
            return this;
        }

        /** @throws IllegalArgumentException for wildcards and anything that is not a host name */
        public Builder dnsName(String... names) {
            for (String name : names) {
                String canonical = canonicalDnsName(name);
                if (canonical == null) {
                    throw new IllegalArgumentException("Not a host name: '" + name + "'");
                }
                dnsNames.add(canonical);
            }
            return this;
        }

        public Builder ipAddress(InetAddress... addresses) {
            ipAddresses.addAll(List.of(addresses));
            return this;
        }

        public TrustedIdentity build() {
            return new TrustedIdentity(this);
        }

        private static String requireText(String what, String value) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("The " + what + " must not be blank");
            }
            return value.strip();
        }
    }
}
