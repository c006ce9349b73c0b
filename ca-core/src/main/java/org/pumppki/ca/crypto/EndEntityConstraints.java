package org.pumppki.ca.crypto;

import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;

/**
 * Marks the certificate as an end entity (basicConstraints CA:false, critical, so no relying party
 * can mistake it for a CA) and links it to its key and its issuer's key with SKI and AKI.
 */
record EndEntityConstraints() implements ProfileRule {

    @Override
    public void apply(IssuanceRequest request, CertificateTemplate template) {
        template.addExtension(ExtensionEncoding.critical(Extension.basicConstraints, new BasicConstraints(false)));
        template.addExtension(KeyIdentifiers.subjectKeyIdentifierExtension(request.subjectKey().subjectPublicKeyInfo()));
        template.addExtension(KeyIdentifiers.authorityKeyIdentifierExtension(request.issuer().certificate()));
    }
}
