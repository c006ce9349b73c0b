package org.pumppki.ca.crypto;

import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;

/**
 * Accepts an issuing CA certificate signed by an external (enterprise) root only if it certifies the
 * key we hold, is a CA certificate with keyCertSign, and chains to the supplied trust anchor under
 * RFC 5280 path validation (signatures, validity at the given instant, CA constraints, path length
 * and the JDK's disabled-algorithm list), done by the JDK's PKIX {@link CertPathValidator}.
 * Revocation is not checked: the enterprise root's CRL is usually not reachable from the CA host.
 */
public final class ImportedIssuingCa {

    private ImportedIssuingCa() {
    }

    /**
     * @param candidate     the certificate returned by the enterprise CA
     * @param ourKey        the issuing CA public key we generated and hold
     * @param intermediates certificates between the candidate and the anchor, nearest first; often empty
     * @param trustAnchor   the enterprise root
     * @param at            the instant at which the chain must be valid (normally now)
     * @return the candidate, validated
     * @throws PolicyViolationException {@link PolicyViolation#KEY_MISMATCH},
     *         {@link PolicyViolation#NOT_A_CA} or {@link PolicyViolation#CHAIN_NOT_TRUSTED}
     */
    public static X509CertificateHolder validate(X509CertificateHolder candidate, SubjectPublicKeyInfo ourKey,
            List<X509CertificateHolder> intermediates, X509CertificateHolder trustAnchor, Instant at) {
        if (!candidate.getSubjectPublicKeyInfo().equals(ourKey)) {
            throw new PolicyViolationException(PolicyViolation.KEY_MISMATCH,
                    "The certificate certifies another key than the issuing CA key we hold");
        }
        CaCapabilities.requireCertificateSigner(candidate);
        List<X509Certificate> path = new ArrayList<>();
        path.add(toX509(candidate));
        intermediates.forEach(intermediate -> path.add(toX509(intermediate)));
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            CertPath certPath = factory.generateCertPath(path);
            PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(toX509(trustAnchor), null)));
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(at));
            CertPathValidator.getInstance("PKIX").validate(certPath, parameters);
        } catch (GeneralSecurityException e) {
            throw new PolicyViolationException(PolicyViolation.CHAIN_NOT_TRUSTED,
                    "The certificate does not chain to the trust anchor " + trustAnchor.getSubject() + ": " + e.getMessage(), e);
        }
        return candidate;
    }

    private static X509Certificate toX509(X509CertificateHolder holder) {
        try {
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (CertificateException e) {
            throw new MalformedInputException("The certificate " + holder.getSubject() + " cannot be read by the JDK", e);
        }
    }
}
