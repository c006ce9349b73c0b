package org.pumppki.ca.crypto;

import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;

/**
 * id-pkix-ocsp-nocheck (RFC 6960 §4.2.2.2.1): clients need not check the responder certificate's
 * own revocation status, which is why responder certificates are short-lived instead.
 */
record OcspNoCheck() implements ProfileRule {

    @Override
    public void apply(IssuanceRequest request, CertificateTemplate template) {
        template.addExtension(ExtensionEncoding.nonCritical(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck, DERNull.INSTANCE));
    }
}
