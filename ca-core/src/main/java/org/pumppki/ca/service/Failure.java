package org.pumppki.ca.service;

/**
 * The kinds of failure a use case reports. Each door translates a kind into its own protocol
 * (problem+json status for REST, RFC 7030 status for EST) in one place.
 */
public enum Failure {
    /** The input cannot be understood: malformed PEM, DER, CSV, JSON values. */
    INVALID_INPUT,
    /** The input is understood but the CA's policy refuses it: weak key, names outside the profile. */
    POLICY_VIOLATION,
    /** The addressed thing does not exist. */
    NOT_FOUND,
    /** The request clashes with the current state: duplicate serial, invalid state transition. */
    CONFLICT,
    /** The caller did not prove who it is: missing, wrong, used or expired credentials. */
    UNAUTHENTICATED,
    /** The caller is known but may not do this. */
    FORBIDDEN,
    /** Too many attempts; try again later. */
    RATE_LIMITED
}
