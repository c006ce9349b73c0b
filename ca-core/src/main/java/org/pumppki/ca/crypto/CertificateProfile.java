package org.pumppki.ca.crypto;

import java.util.List;
import java.util.Objects;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.ContentSigner;

/**
 * A kind of certificate, defined entirely by the ordered list of {@link ProfileRule}s it applies.
 * {@link StandardProfile} builds the profiles PumpPKI ships; reading a profile's rules tells you
 * everything it checks and everything it puts into a certificate.
 */
public final class CertificateProfile {

    private final String name;
    private final List<ProfileRule> rules;

    public CertificateProfile(String name, List<ProfileRule> rules) {
        this.name = Objects.requireNonNull(name, "name");
        this.rules = List.copyOf(rules);
    }

    public String name() {
        return name;
    }

    public List<ProfileRule> rules() {
        return rules;
    }

    /**
     * Applies every rule and signs the result with the issuing CA's signer. The signature is then
     * verified with the issuing CA certificate's key, so a signer bound to the wrong key fails here.
     *
     * @param issuerSigner signer for the private key of {@code request.issuer()}; not thread-safe,
     *                     so not shared between concurrent calls
     * @throws PolicyViolationException when a rule refuses the request
     * @throws SigningException when the signer fails or signs with another key
     */
    public X509CertificateHolder issue(IssuanceRequest request, ContentSigner issuerSigner) {
        CertificateTemplate template = new CertificateTemplate();
        for (ProfileRule rule : rules) {
            rule.apply(request, template);
        }
        X509CertificateHolder certificate = template.sign(request, issuerSigner);
        return SignatureCheck.requireSignedBy(certificate, request.issuer().certificate().getSubjectPublicKeyInfo());
    }

    @Override
    public String toString() {
        return name + rules;
    }
}
