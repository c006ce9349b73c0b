package org.pumppki.ca.crypto;

import java.time.Instant;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;

/**
 * Creates CA certificates: a self-signed root, and an issuing CA under a root we hold. CA keys must
 * be one of the {@link AlgorithmPreset}s and the signer must use that preset's signature algorithm,
 * so a CA never signs with anything but a vetted combination.
 *
 * <p>Both carry basicConstraints CA:true and key usage keyCertSign + cRLSign, critical, and an SKI;
 * the issuing CA also an AKI, pathLen 0, because it issues end-entity certificates only, and AIA
 * (OCSP, caIssuers) and a CRL distribution point of its root, so that relying parties that check
 * every certificate of the chain (nginx {@code ssl_ocsp on}, Windows) find the root's revocation
 * data.
 */
public final class CaCertificateFactory {

    private static final int CA_KEY_USAGE = KeyUsage.keyCertSign | KeyUsage.cRLSign;

    private CaCertificateFactory() {
    }

    /**
     * @param key    the root's public key
     * @param signer signer for the root's private key
     * @throws SigningException if the signer does not belong to {@code key}
     */
    public static X509CertificateHolder selfSignedRoot(CaCertificateSpec spec, SubjectPublicKeyInfo key, ContentSigner signer) {
        requirePresetSigner(key, signer);
        BasicConstraints constraints = spec.pathLength().isPresent()
                ? new BasicConstraints(spec.pathLength().getAsInt())
                : new BasicConstraints(true);
        X509v3CertificateBuilder builder = caBuilder(spec.subject(), spec, spec.truncatedNotBefore(), key, constraints);
        return SignatureCheck.requireSignedBy(sign(builder, signer), key);
    }

    /**
     * Issues an issuing CA certificate under {@code root}.
     *
     * @param rootPublication where the root publishes its OCSP answers, certificate and CRL
     *
     * @throws PolicyViolationException {@link PolicyViolation#VALIDITY_PAST_ISSUER} if it would
     *         outlive the root, {@link PolicyViolation#NOT_A_CA} if the root may not sign certificates
     * @throws SigningException if {@code rootSigner} does not belong to the root certificate's key
     */
    public static X509CertificateHolder issuingCa(CaCertificateSpec spec, SubjectPublicKeyInfo key,
            X509CertificateHolder root, ContentSigner rootSigner, PublicationUrls rootPublication) {
        // The issuing CA key will sign too, so it must be a preset key like the root's.
        AlgorithmPreset.forSubjectPublicKeyInfo(key);
        requirePresetSigner(root.getSubjectPublicKeyInfo(), rootSigner);
        CaCapabilities.requireCertificateSigner(root);
        Instant notBefore = spec.truncatedNotBefore();
        ValidityWindow.requireWithinIssuer(root, notBefore, spec.notAfter());
        X509v3CertificateBuilder builder = caBuilder(root.getSubject(), spec, notBefore, key, new BasicConstraints(0));
        try {
            builder.addExtension(KeyIdentifiers.authorityKeyIdentifierExtension(root));
            for (Extension extension : PublicationPoints.extensions(rootPublication)) {
                builder.addExtension(extension);
            }
        } catch (CertIOException e) {
            throw new IllegalStateException("An AKI always encodes", e);
        }
        return SignatureCheck.requireSignedBy(sign(builder, rootSigner), root.getSubjectPublicKeyInfo());
    }

    private static X509v3CertificateBuilder caBuilder(X500Name issuer, CaCertificateSpec spec, Instant notBefore,
            SubjectPublicKeyInfo key, BasicConstraints constraints) {
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(issuer, spec.serial(),
                PkixTime.toDate(notBefore), PkixTime.toDate(spec.notAfter()), spec.subject(), key);
        try {
            builder.addExtension(Extension.basicConstraints, true, constraints);
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(CA_KEY_USAGE));
            builder.addExtension(KeyIdentifiers.subjectKeyIdentifierExtension(key));
        } catch (CertIOException e) {
            throw new IllegalStateException("CA extensions always encode", e);
        }
        return builder;
    }

    /** @throws IllegalArgumentException unless the key is a preset key and the signer uses its algorithm */
    static void requirePresetSigner(SubjectPublicKeyInfo key, ContentSigner signer) {
        AlgorithmPreset preset = AlgorithmPreset.forSubjectPublicKeyInfo(key);
        if (!preset.signatureAlgorithmIdentifier().equals(signer.getAlgorithmIdentifier())) {
            throw new IllegalArgumentException("A " + preset + " CA key must sign with " + preset.signatureAlgorithm()
                    + ", not " + AlgorithmNames.of(signer.getAlgorithmIdentifier().getAlgorithm()));
        }
    }

    private static X509CertificateHolder sign(X509v3CertificateBuilder builder, ContentSigner signer) {
        try {
            return builder.build(signer);
        } catch (RuntimeException e) {
            throw new SigningException("The CA signer failed", e);
        }
    }
}
