package org.pumppki.ca.crypto;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;

/**
 * Everything a profile needs to issue one certificate. Trusted and untrusted data are kept apart:
 * {@code identity} comes from our inventory, {@code requestedNames} from the requester, and
 * {@code subjectKey} has passed the key policy (and, for a CSR, proof of possession).
 *
 * @param subjectKey     the key to certify
 * @param requestedNames what the requester asked for; {@link RequestedNames#none()} for keys we made
 * @param identity       who the certificate is for, from the inventory
 * @param issuer         the CA certificate and its publication URLs
 * @param start          the issuance instant; validity is computed from it
 * @param serial         a positive serial of at most 20 octets, normally from {@link SerialNumberGenerator}
 */
public record IssuanceRequest(AcceptedKey subjectKey, RequestedNames requestedNames, TrustedIdentity identity,
        IssuingCa issuer, Instant start, BigInteger serial) {

    public IssuanceRequest {
        Objects.requireNonNull(subjectKey, "subjectKey");
        Objects.requireNonNull(requestedNames, "requestedNames");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(start, "start");
        SerialNumberGenerator.requireValid(serial);
    }

    /** A request for the key and names of a verified CSR. */
    public static IssuanceRequest fromCsr(UntrustedCsr csr, TrustedIdentity identity, IssuingCa issuer, Instant start,
            BigInteger serial) {
        return new IssuanceRequest(csr.subjectKey(), csr.requestedNames(), identity, issuer, start, serial);
    }
}
