package org.pumppki.ca.keys;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.pumppki.ca.crypto.AlgorithmPreset;

/**
 * The self-signed certificate stored next to a freshly generated token key.
 *
 * <p>SunPKCS11's KeyStore only lists a private key that has a certificate with the same CKA_ID, and
 * takes the alias from that certificate's CKA_LABEL. The placeholder exists for that reason alone
 * until the real CA certificate replaces it; it is never presented to anyone, so it has no
 * extensions and a validity of one day, which keeps it from passing for anything usable.
 */
final class PlaceholderCertificate {

    private static final Duration VALIDITY = Duration.ofDays(1);

    private PlaceholderCertificate() {
    }

    static X509Certificate selfSigned(KeyPair pair, AlgorithmPreset preset, String label, Instant now,
            Provider signingProvider, SecureRandom random) {
        X500Name name = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, "PumpPKI")
                .addRDN(BCStyle.OU, "Key placeholder")
                .addRDN(BCStyle.CN, label)
                .build();
        // Positive and non-zero, as RFC 5280 asks even of certificates nobody validates.
        BigInteger serial = new BigInteger(63, random).setBit(62);
        try {
            X509CertificateHolder holder = new JcaX509v3CertificateBuilder(name, serial,
                    Date.from(now), Date.from(now.plus(VALIDITY)), name, pair.getPublic())
                    .build(new JcaContentSignerBuilder(preset.signatureAlgorithm())
                            .setProvider(signingProvider)
                            .build(pair.getPrivate()));
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (OperatorCreationException | GeneralSecurityException e) {
            throw new CaKeyException("Cannot sign the placeholder certificate of token key '" + label + "'", e);
        }
    }
}
