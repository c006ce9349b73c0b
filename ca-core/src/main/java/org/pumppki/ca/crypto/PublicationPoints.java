package org.pumppki.ca.crypto;

import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/**
 * Tells relying parties where to check revocation and fetch the issuer certificate: AIA with the
 * OCSP responder and caIssuers URLs, and one CRL distribution point.
 */
record PublicationPoints() implements ProfileRule {

    @Override
    public void apply(IssuanceRequest request, CertificateTemplate template) {
        PublicationUrls urls = request.issuer().publicationUrls();
        template.addExtension(ExtensionEncoding.nonCritical(Extension.authorityInfoAccess, new AuthorityInformationAccess(
                new AccessDescription[] {
                    new AccessDescription(AccessDescription.id_ad_ocsp, uri(urls.ocsp())),
                    new AccessDescription(AccessDescription.id_ad_caIssuers, uri(urls.caIssuers()))})));
        DistributionPointName crl = new DistributionPointName(new GeneralNames(uri(urls.crlDistributionPoint())));
        template.addExtension(ExtensionEncoding.nonCritical(Extension.cRLDistributionPoints,
                new CRLDistPoint(new DistributionPoint[] {new DistributionPoint(crl, null, null)})));
    }

    private static GeneralName uri(String url) {
        return new GeneralName(GeneralName.uniformResourceIdentifier, url);
    }
}
