package org.pumppki.ca.crypto;

/**
 * Where a pump certificate carries the pump's MAC address, if at all.
 *
 * <p>A MAC address is not a secret and anyone on the LAN can spoof it, so it never authenticates a
 * pump by itself; deployments use it to cross-check the RADIUS Calling-Station-Id against the
 * certificate. How they do that decides the placement:
 * <ul>
 *   <li>FreeRADIUS policies usually compare {@code TLS-Client-Cert-Common-Name} (or the subject
 *       string) with Calling-Station-Id. That needs no placement at all: put {@code {macAddress}} in
 *       the common name template.</li>
 *   <li>The Cisco ISE internal CA puts the endpoint MAC, hyphen-delimited, in the subjectAltName of
 *       the endpoint certificates it issues, and ISE authorization rules can match on SAN values.
 *       {@link #SAN} follows that convention.</li>
 * </ul>
 * We never encode a MAC as a dNSName: it is not a host name, and a TLS stack could match it as one.
 */
public enum MacAddressPlacement {
    /** The MAC is not in the certificate unless the common name template includes it. The default. */
    NONE,
    /**
     * An extra subject attribute of type RFC 2307 {@code macAddress} (1.3.6.1.1.1.1.22, IA5String),
     * after CN and serialNumber. Visible in the subject string RADIUS servers log and match on.
     */
    SUBJECT,
    /**
     * A subjectAltName otherName of type RFC 2307 {@code macAddress} whose value is the
     * hyphen-delimited MAC as an IA5String.
     */
    SAN
}
