package org.pumppki.ca.crypto;

/**
 * Stable machine-readable reasons for refusing a well-formed request. The constant names are part
 * of the API: audit records and problem responses carry them, so they are never renamed.
 */
public enum PolicyViolation {
    /** RSA modulus too short or with an unsafe public exponent. */
    WEAK_KEY,
    /** A key type or curve outside the key policy (e.g. P-521, secp256k1, DSA). */
    KEY_NOT_ALLOWED,
    /** Signed with SHA-1, MD5 or another broken digest. */
    WEAK_SIGNATURE,
    /** Signed with an algorithm outside the vetted list (e.g. SHA-224, Ed448). */
    SIGNATURE_NOT_ALLOWED,
    /** The signature does not verify: no proof that the requester holds the private key. */
    BAD_SIGNATURE,
    /** The request asks for a name the subject is not registered for. */
    NAME_NOT_ALLOWED,
    /** A server name lies outside the configured permitted DNS suffixes and IP ranges. */
    NAME_NOT_PERMITTED,
    /** The profile needs at least one name and none is registered. */
    NAME_REQUIRED,
    /** The trusted identity lacks a value the profile needs (e.g. a MAC address). */
    IDENTITY_INCOMPLETE,
    /** The certificate would outlive the certificate of the CA that issues it. */
    VALIDITY_PAST_ISSUER,
    /** The certificate would start before the issuing CA certificate is valid. */
    VALIDITY_BEFORE_ISSUER,
    /** An imported CA certificate does not certify the key we hold. */
    KEY_MISMATCH,
    /** A certificate used as a CA lacks basicConstraints CA:true or keyCertSign. */
    NOT_A_CA,
    /** An imported CA certificate does not chain to the supplied trust anchor. */
    CHAIN_NOT_TRUSTED
}
