package org.pumppki.ca.crypto;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The manufacturer CAs whose device certificates (IDevIDs) PumpPKI accepts for zero-touch
 * onboarding, and the PKIX validation of a presented chain against them. Manufacturers rarely
 * publish revocation for IDevIDs, so none is checked; a compromised manufacturer CA is removed
 * from the configuration instead.
 */
public final class ManufacturerTrust {

    private final Set<TrustAnchor> anchors;

    public ManufacturerTrust(List<X509Certificate> anchorCertificates) {
        Set<TrustAnchor> set = new LinkedHashSet<>();
        anchorCertificates.forEach(certificate -> set.add(new TrustAnchor(certificate, null)));
        this.anchors = Set.copyOf(set);
    }

    public boolean isEmpty() {
        return anchors.isEmpty();
    }

    /** Whether {@code chain} (leaf first, without the anchor) leads to a manufacturer CA and is valid at {@code at}. */
    public boolean accepts(List<X509Certificate> chain, Instant at) {
        if (anchors.isEmpty() || chain.isEmpty()) {
            return false;
        }
        List<X509Certificate> path = chain.stream()
                .filter(certificate -> anchors.stream().noneMatch(anchor -> anchor.getTrustedCert().equals(certificate)))
                .toList();
        if (path.isEmpty()) {
            return false;
        }
        try {
            PKIXParameters parameters = new PKIXParameters(anchors);
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(at));
            CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
