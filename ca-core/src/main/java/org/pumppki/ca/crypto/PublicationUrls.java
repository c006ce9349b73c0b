package org.pumppki.ca.crypto;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where relying parties find revocation data and the issuer certificate for certificates of one
 * issuing CA: the OCSP responder, the caIssuers location and the CRL distribution point.
 *
 * <p>All three must be plain {@code http} URLs. Revocation data is signed and needs no transport
 * security, and an https URL would make a relying party check a TLS certificate to fetch the very
 * data that checks certificates (RFC 5280 §4.2.1.13, RFC 5019 §5).
 */
public record PublicationUrls(String ocsp, String caIssuers, String crlDistributionPoint) {

    public PublicationUrls {
        requireHttp("OCSP", ocsp);
        requireHttp("caIssuers", caIssuers);
        requireHttp("CRL distribution point", crlDistributionPoint);
    }

    private static void requireHttp(String what, String url) {
        if (url == null) {
            throw new IllegalArgumentException("The " + what + " URL is required");
        }
        try {
            URI uri = new URI(url);
            if (!"http".equals(uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT)) || uri.getHost() == null) {
                throw new IllegalArgumentException("The " + what + " URL must be an absolute http:// URL, got '" + url + "'");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("The " + what + " URL is not a valid URI: '" + url + "'", e);
        }
    }
}
