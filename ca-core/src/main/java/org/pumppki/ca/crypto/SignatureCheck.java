package org.pumppki.ca.crypto;

import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertException;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;

/**
 * Verifies signatures with Bouncy Castle. After every signing operation we verify the result with
 * the public key the signature must belong to: a signer bound to the wrong key (a mislabelled HSM
 * object) or a faulty RSA-CRT computation must never leave this package as a certificate.
 */
final class SignatureCheck {

    private SignatureCheck() {
    }

    static ContentVerifierProvider verifierFor(SubjectPublicKeyInfo key) throws OperatorCreationException {
        return new JcaContentVerifierProviderBuilder().setProvider(Providers.BOUNCY_CASTLE).build(key);
    }

    static boolean verifies(X509CertificateHolder certificate, SubjectPublicKeyInfo key) {
        try {
            return certificate.isSignatureValid(verifierFor(key));
        } catch (OperatorCreationException | CertException | RuntimeException e) {
            return false;
        }
    }

    static boolean verifies(X509CRLHolder crl, SubjectPublicKeyInfo key) {
        try {
            return crl.isSignatureValid(verifierFor(key));
        } catch (OperatorCreationException | CertException | RuntimeException e) {
            return false;
        }
    }

    /** Whether a CSR is signed by the key it asks to certify: its proof of possession. */
    static boolean verifies(PKCS10CertificationRequest request) {
        try {
            return request.isSignatureValid(verifierFor(request.getSubjectPublicKeyInfo()));
        } catch (OperatorCreationException | PKCSException | RuntimeException e) {
            return false;
        }
    }

    /** Returns the certificate if it verifies under {@code key}, else throws {@link SigningException}. */
    static X509CertificateHolder requireSignedBy(X509CertificateHolder certificate, SubjectPublicKeyInfo key) {
        if (!verifies(certificate, key)) {
            throw new SigningException("The signer produced a certificate signature that does not verify with the issuer key");
        }
        return certificate;
    }

    static X509CRLHolder requireSignedBy(X509CRLHolder crl, SubjectPublicKeyInfo key) {
        if (!verifies(crl, key)) {
            throw new SigningException("The signer produced a CRL signature that does not verify with the issuer key");
        }
        return crl;
    }
}
