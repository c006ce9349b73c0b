package org.pumppki.ca.crypto;

import java.util.Arrays;

/**
 * RFC 5280 §5.3.1 CRLReason, with the code written to CRLs and OCSP responses and the camelCase
 * name used in the REST API and audit records. Code 7 is unused in the RFC.
 *
 * <p>{@link #UNSPECIFIED} is never written as a reasonCode extension: RFC 5280 says the extension
 * should be absent rather than carry unspecified, so entries with this reason simply have none.
 */
public enum RevocationReason {
    UNSPECIFIED(0, "unspecified"),
    /** A lost or stolen pump: its key may be in someone else's hands. */
    KEY_COMPROMISE(1, "keyCompromise"),
    CA_COMPROMISE(2, "cACompromise"),
    AFFILIATION_CHANGED(3, "affiliationChanged"),
    SUPERSEDED(4, "superseded"),
    /** A decommissioned pump. */
    CESSATION_OF_OPERATION(5, "cessationOfOperation"),
    /** A quarantined pump: the only reason that can be lifted again. */
    CERTIFICATE_HOLD(6, "certificateHold"),
    /** Only meaningful in delta CRLs, which PumpPKI does not publish yet. */
    REMOVE_FROM_CRL(8, "removeFromCRL"),
    PRIVILEGE_WITHDRAWN(9, "privilegeWithdrawn"),
    AA_COMPROMISE(10, "aACompromise");

    private final int code;
    private final String apiName;

    RevocationReason(int code, String apiName) {
        this.code = code;
        this.apiName = apiName;
    }

    /** The CRLReason ENUMERATED value. */
    public int code() {
        return code;
    }

    /** The RFC 5280 name, e.g. {@code keyCompromise}. */
    public String apiName() {
        return apiName;
    }

    /** Whether CRL entries and OCSP responses carry this reason explicitly. */
    public boolean isWrittenAsReasonCode() {
        return this != UNSPECIFIED;
    }

    /** @throws IllegalArgumentException for codes RFC 5280 does not define (7, or above 10) */
    public static RevocationReason fromCode(int code) {
        return Arrays.stream(values()).filter(reason -> reason.code == code).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No CRL reason has code " + code));
    }

    /** @throws IllegalArgumentException for unknown names; matching is exact, as in RFC 5280 */
    public static RevocationReason fromApiName(String name) {
        return Arrays.stream(values()).filter(reason -> reason.apiName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown revocation reason '" + name + "'; expected one of "
                        + Arrays.stream(values()).map(RevocationReason::apiName).toList()));
    }
}
