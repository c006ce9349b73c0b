package org.pumppki.ca.crypto;

/** How the OCSP responder answers for a serial number the CA never issued (RFC 6960 §2.2). */
public enum NotIssuedPolicy {
    /**
     * The extended revoked definition: {@code revoked} with reason certificateHold and revocation
     * time 1970-01-01T00:00:00Z, plus the id-pkix-ocsp-extended-revoke response extension. Safer
     * with relying parties that treat {@code unknown} as good.
     */
    REVOKED,
    /** Plain {@code unknown}. FreeRADIUS and Cisco ISE reject on it as well. */
    UNKNOWN
}
