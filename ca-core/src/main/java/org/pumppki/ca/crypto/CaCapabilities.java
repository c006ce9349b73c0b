package org.pumppki.ca.crypto;

import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;

/** Checks that a certificate may act as a CA before we sign anything under it. */
final class CaCapabilities {

    private CaCapabilities() {
    }

    /**
     * @throws PolicyViolationException {@link PolicyViolation#NOT_A_CA} unless basicConstraints says
     *         CA:true and key usage allows keyCertSign
     */
    static void requireCertificateSigner(X509CertificateHolder certificate) {
        require(certificate, KeyUsage.keyCertSign, "keyCertSign");
    }

    /** As {@link #requireCertificateSigner}, for cRLSign. */
    static void requireCrlSigner(X509CertificateHolder certificate) {
        require(certificate, KeyUsage.cRLSign, "cRLSign");
    }

    private static void require(X509CertificateHolder certificate, int usage, String usageName) {
        BasicConstraints constraints = BasicConstraints.fromExtensions(certificate.getExtensions());
        if (constraints == null || !constraints.isCA()) {
            throw new PolicyViolationException(PolicyViolation.NOT_A_CA,
                    "Certificate " + certificate.getSubject() + " is not a CA certificate (basicConstraints CA:true missing)");
        }
        KeyUsage keyUsage = KeyUsage.fromExtensions(certificate.getExtensions());
        if (keyUsage == null || !keyUsage.hasUsages(usage)) {
            throw new PolicyViolationException(PolicyViolation.NOT_A_CA,
                    "Certificate " + certificate.getSubject() + " does not allow " + usageName);
        }
    }
}
