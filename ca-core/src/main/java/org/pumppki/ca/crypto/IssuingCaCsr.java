package org.pumppki.ca.crypto;

import java.io.IOException;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;

/**
 * A PKCS#10 request for an issuing CA key, for hospitals whose enterprise root (often AD CS) signs
 * our issuing CA. It asks for what the CA needs: basicConstraints CA:true with pathLen 0 and key
 * usage keyCertSign + cRLSign, both critical; the enterprise CA's template may still override them,
 * which {@link ImportedIssuingCa} checks when the certificate comes back.
 */
public final class IssuingCaCsr {

    private IssuingCaCsr() {
    }

    /**
     * @throws SigningException if the signer does not belong to {@code key}
     */
    public static PKCS10CertificationRequest create(X500Name subject, SubjectPublicKeyInfo key, ContentSigner signer) {
        CaCertificateFactory.requirePresetSigner(key, signer);
        PKCS10CertificationRequest request;
        try {
            ExtensionsGenerator extensions = new ExtensionsGenerator();
            extensions.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            extensions.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            extensions.addExtension(KeyIdentifiers.subjectKeyIdentifierExtension(key));
            request = new PKCS10CertificationRequestBuilder(subject, key)
                    .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate())
                    .build(signer);
        } catch (IOException e) {
            throw new IllegalStateException("CA request extensions always encode", e);
        } catch (RuntimeException e) {
            throw new SigningException("The CA signer failed", e);
        }
        if (!SignatureCheck.verifies(request)) {
            throw new SigningException("The signer does not hold the private key of the issuing CA public key");
        }
        return request;
    }
}
