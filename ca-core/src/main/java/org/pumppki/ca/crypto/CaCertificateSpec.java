package org.pumppki.ca.crypto;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalInt;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * What an operator decides about a new CA certificate: its name, serial, validity and, for a root,
 * an optional path length constraint.
 *
 * @param pathLength maximum number of intermediate CAs below this one; empty for no limit. Issuing
 *                   CAs created by {@link CaCertificateFactory} always get 0, whatever is set here.
 */
public record CaCertificateSpec(X500Name subject, BigInteger serial, Instant notBefore, Duration validity, OptionalInt pathLength) {

    public CaCertificateSpec {
        Objects.requireNonNull(subject, "subject");
        if (subject.getRDNs().length == 0) {
            throw new IllegalArgumentException("A CA certificate needs a subject name");
        }
        SerialNumberGenerator.requireValid(serial);
        Objects.requireNonNull(notBefore, "notBefore");
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("The CA validity must be positive");
        }
        Objects.requireNonNull(pathLength, "pathLength");
        pathLength.ifPresent(length -> {
            if (length < 0) {
                throw new IllegalArgumentException("The path length constraint must not be negative");
            }
        });
    }

    Instant truncatedNotBefore() {
        return PkixTime.truncate(notBefore);
    }

    Instant notAfter() {
        return truncatedNotBefore().plus(validity);
    }
}
