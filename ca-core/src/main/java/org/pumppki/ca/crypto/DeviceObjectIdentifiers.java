package org.pumppki.ca.crypto;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;

/** Object identifiers for device identity that Bouncy Castle does not define. */
public final class DeviceObjectIdentifiers {

    /** RFC 4108 §5 / IEEE 802.1AR: otherName carrying a hardware type OID and serial number. */
    public static final ASN1ObjectIdentifier HARDWARE_MODULE_NAME = new ASN1ObjectIdentifier("1.3.6.1.5.5.7.8.4");

    /** RFC 4334 §2: the WLAN SSIDs a certificate may be used on. */
    public static final ASN1ObjectIdentifier WLAN_SSID = new ASN1ObjectIdentifier("1.3.6.1.5.5.7.1.13");

    /** RFC 2307 {@code macAddress}, an IA5String attribute type. */
    public static final ASN1ObjectIdentifier MAC_ADDRESS = new ASN1ObjectIdentifier("1.3.6.1.1.1.1.22");

    private DeviceObjectIdentifiers() {
    }
}
