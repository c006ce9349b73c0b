package org.pumppki.ca.crypto;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.util.CollectionStore;

/**
 * Audit checkpoints as CMS SignedData (RFC 5652): the checkpoint's content embedded as id-data, one
 * signer whose certificate carries id-kp-documentSigning (RFC 9336), a signing time, and the
 * certificates up to the root, so that {@code openssl cms -verify -CAfile root.pem -purpose any}
 * checks one offline. {@link #verify} checks a checkpoint the way such a relying party does.
 */
public final class CheckpointCms {

    /** What a verified checkpoint signed, and when. */
    public record Signed(byte[] content, Instant signingTime) {
    }

    private CheckpointCms() {
    }

    /**
     * Signs {@code content} as of {@code signingTime}.
     *
     * @param chain the signer's certificate first, then its issuers
     * @throws SigningException if the signer fails or produces a signature its certificate does not verify
     */
    public static byte[] sign(byte[] content, Instant signingTime, ContentSigner signer,
            List<X509CertificateHolder> chain) {
        try {
            ASN1EncodableVector attributes = new ASN1EncodableVector();
            attributes.add(new Attribute(CMSAttributes.signingTime, new DERSet(new Time(Date.from(signingTime)))));
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                    new JcaDigestCalculatorProviderBuilder().setProvider(Providers.BOUNCY_CASTLE).build())
                    .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(new AttributeTable(attributes)))
                    .build(signer, chain.get(0)));
            generator.addCertificates(new CollectionStore<>(chain));
            byte[] encoded = generator.generate(new CMSProcessableByteArray(content), true).getEncoded("DER");
            if (!signatureVerifies(new CMSSignedData(encoded), chain.get(0))) {
                throw new SigningException("The checkpoint signature does not verify with the signer's certificate");
            }
            return encoded;
        } catch (CMSException | OperatorCreationException | java.io.IOException e) {
            throw new SigningException("Cannot sign the audit checkpoint: " + e.getMessage(), e);
        }
    }

    /**
     * Verifies a checkpoint as a relying party: the signature with the embedded signer certificate,
     * that certificate's id-kp-documentSigning, and its path to one of {@code roots} as it was at the
     * signing time (a rotated or expired signer still vouches for what it signed while valid).
     *
     * @throws MalformedInputException if {@code cms} is not a checkpoint or does not verify
     */
    public static Signed verify(byte[] cms, Collection<X509CertificateHolder> roots) {
        CMSSignedData signed;
        try {
            signed = new CMSSignedData(cms);
        } catch (CMSException | RuntimeException e) {
            throw new MalformedInputException("Not a CMS SignedData structure", e);
        }
        if (!(signed.getSignedContent() != null && signed.getSignedContent().getContent() instanceof byte[] content)) {
            throw new MalformedInputException("The checkpoint does not embed its content");
        }
        Collection<SignerInformation> signers = signed.getSignerInfos().getSigners();
        if (signers.size() != 1) {
            throw new MalformedInputException("A checkpoint has exactly one signer, not " + signers.size());
        }
        SignerInformation signerInfo = signers.iterator().next();
        @SuppressWarnings("unchecked")
        Collection<X509CertificateHolder> matches = signed.getCertificates().getMatches(signerInfo.getSID());
        if (matches.isEmpty()) {
            throw new MalformedInputException("The checkpoint does not include its signer's certificate");
        }
        X509CertificateHolder signerCertificate = matches.iterator().next();
        if (!signatureVerifies(signed, signerCertificate, signerInfo)) {
            throw new MalformedInputException("The checkpoint signature does not verify");
        }
        ExtendedKeyUsage purposes = ExtendedKeyUsage.fromExtensions(signerCertificate.getExtensions());
        if (purposes == null || !purposes.hasKeyPurposeId(KeyPurposeId.id_kp_documentSigning)) {
            throw new MalformedInputException("The checkpoint signer is not certified for document signing");
        }
        Instant signingTime = signingTime(signerInfo);
        @SuppressWarnings("unchecked")
        Collection<X509CertificateHolder> included = signed.getCertificates().getMatches(null);
        requirePath(signerCertificate, included, roots, signingTime);
        return new Signed(content, signingTime);
    }

    private static Instant signingTime(SignerInformation signerInfo) {
        AttributeTable attributes = signerInfo.getSignedAttributes();
        Attribute attribute = attributes == null ? null : attributes.get(CMSAttributes.signingTime);
        if (attribute == null || attribute.getAttrValues().size() != 1) {
            throw new MalformedInputException("The checkpoint carries no signed signing time");
        }
        try {
            return Time.getInstance(attribute.getAttrValues().getObjectAt(0)).getDate().toInstant();
        } catch (IllegalArgumentException e) {
            throw new MalformedInputException("The checkpoint's signing time is malformed", e);
        }
    }

    private static boolean signatureVerifies(CMSSignedData signed, X509CertificateHolder certificate) {
        return signatureVerifies(signed, certificate, signed.getSignerInfos().getSigners().iterator().next());
    }

    private static boolean signatureVerifies(CMSSignedData signed, X509CertificateHolder certificate,
            SignerInformation signerInfo) {
        try {
            return signerInfo.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(Providers.BOUNCY_CASTLE)
                    .build(certificate));
        } catch (CMSException | OperatorCreationException | java.security.cert.CertificateException | RuntimeException e) {
            return false;
        }
    }

    private static void requirePath(X509CertificateHolder signer, Collection<X509CertificateHolder> included,
            Collection<X509CertificateHolder> roots, Instant at) {
        try {
            JcaX509CertificateConverter converter = new JcaX509CertificateConverter().setProvider(Providers.BOUNCY_CASTLE);
            List<X509Certificate> path = new ArrayList<>();
            X509CertificateHolder current = signer;
            // Walk issuer names through the included certificates until a trusted root issued one.
            while (current != null && roots.stream().noneMatch(current::equals)) {
                path.add(converter.getCertificate(current));
                X509CertificateHolder child = current;
                current = roots.stream().anyMatch(r -> r.getSubject().equals(child.getIssuer())) ? null
                        : included.stream().filter(c -> c.getSubject().equals(child.getIssuer()) && !c.equals(child))
                                .findFirst().orElse(null);
                if (path.size() > 8) {
                    break;
                }
            }
            Set<TrustAnchor> anchors = new java.util.HashSet<>();
            for (X509CertificateHolder root : roots) {
                anchors.add(new TrustAnchor(converter.getCertificate(root), null));
            }
            PKIXParameters parameters = new PKIXParameters(anchors);
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(at));
            CertPathValidator.getInstance("PKIX").validate(
                    CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new MalformedInputException("The checkpoint signer does not chain to a trusted root: " + e.getMessage(), e);
        }
    }
}
