package org.pumppki.ca.crypto;

import java.time.Duration;
import java.time.Instant;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * Sets notBefore to the issuance instant (less the configured backdate) and notAfter to the
 * issuance instant plus the profile validity. A certificate never outlives its issuer: RFC 5280
 * path validation would reject it on the last day anyway, and silently shortening it would hide a
 * CA that is due for renewal, so it is refused as {@link PolicyViolation#VALIDITY_PAST_ISSUER}.
 */
record ValidityWindow(Duration validity, Duration backdate) implements ProfileRule {

    @Override
    public void apply(IssuanceRequest request, CertificateTemplate template) {
        X509CertificateHolder issuer = request.issuer().certificate();
        Instant start = PkixTime.truncate(request.start());
        Instant notAfter = start.plus(validity);
        requireWithinIssuer(issuer, start, notAfter);
        // Backdating never reaches before the issuer's own validity.
        Instant issuerNotBefore = issuer.getNotBefore().toInstant();
        Instant notBefore = start.minus(backdate);
        template.validity(notBefore.isBefore(issuerNotBefore) ? issuerNotBefore : notBefore, notAfter);
    }

    /**
     * @throws PolicyViolationException {@link PolicyViolation#VALIDITY_BEFORE_ISSUER} or
     *         {@link PolicyViolation#VALIDITY_PAST_ISSUER} unless {@code [start, notAfter]} lies within
     *         the issuer certificate's validity
     */
    static void requireWithinIssuer(X509CertificateHolder issuer, Instant start, Instant notAfter) {
        Instant issuerNotBefore = issuer.getNotBefore().toInstant();
        Instant issuerNotAfter = issuer.getNotAfter().toInstant();
        if (start.isBefore(issuerNotBefore)) {
            throw new PolicyViolationException(PolicyViolation.VALIDITY_BEFORE_ISSUER,
                    "The issuing CA certificate is not valid before " + issuerNotBefore + "; cannot issue at " + start);
        }
        if (notAfter.isAfter(issuerNotAfter)) {
            throw new PolicyViolationException(PolicyViolation.VALIDITY_PAST_ISSUER, "A certificate valid until " + notAfter
                    + " would outlive the issuing CA certificate, which expires " + issuerNotAfter);
        }
    }
}
