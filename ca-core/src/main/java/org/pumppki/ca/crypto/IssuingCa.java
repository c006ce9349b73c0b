package org.pumppki.ca.crypto;

import java.util.Objects;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * The CA a certificate is issued under: its certificate and where its revocation data is
 * published. Its private key is not here; signing takes a {@code ContentSigner} separately.
 *
 * @throws PolicyViolationException {@link PolicyViolation#NOT_A_CA} if the certificate may not sign
 *         certificates
 */
public record IssuingCa(X509CertificateHolder certificate, PublicationUrls publicationUrls) {

    public IssuingCa {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(publicationUrls, "publicationUrls");
        CaCapabilities.requireCertificateSigner(certificate);
    }
}
