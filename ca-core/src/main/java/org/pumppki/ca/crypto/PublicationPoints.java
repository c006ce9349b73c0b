package org.pumppki.ca.crypto;

import java.util.List;
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
 * OCSP responder and caIssuers URLs, and one CRL distribution point. End-entity certificates and
 * issuing CA certificates carry the same pair, pointing at their issuer's publication.
 */
record PublicationPoints() implements ProfileRule {

    @Override
    public void apply(IssuanceRequest request, CertificateTemplate template) {
        extensions(request.issuer().publicationUrls()).forEach(template::addExtension);
    }

    /** The AIA and CRL distribution point extensions, both non-critical, for the issuer publishing at {@code urls}. */
    static List<Extension> extensions(PublicationUrls urls) {
        Extension aia = ExtensionEncoding.nonCritical(Extension.authorityInfoAccess, new AuthorityInformationAccess(
                new AccessDescription[] {
                    new AccessDescription(AccessDescription.id_ad_ocsp, uri(urls.ocsp())),
                    new AccessDescription(AccessDescription.id_ad_caIssuers, uri(urls.caIssuers()))}));
        DistributionPointName crl = new DistributionPointName(new GeneralNames(uri(urls.crlDistributionPoint())));
        Extension crlDistributionPoints = ExtensionEncoding.nonCritical(Extension.cRLDistributionPoints,
                new CRLDistPoint(new DistributionPoint[] {new DistributionPoint(crl, null, null)}));
        return List.of(aia, crlDistributionPoints);
    }

    private static GeneralName uri(String url) {
        return new GeneralName(GeneralName.uniformResourceIdentifier, url);
    }
}
