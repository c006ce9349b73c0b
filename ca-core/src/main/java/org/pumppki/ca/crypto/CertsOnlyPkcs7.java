package org.pumppki.ca.crypto;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSAbsentContent;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.util.CollectionStore;

/**
 * Degenerate "certs-only" CMS SignedData (RFC 5652 §5, RFC 7030 §4.1.3): certificates and no
 * signers, as EST returns {@code cacerts} and enrolled certificates in
 * {@code application/pkcs7-mime; smime-type=certs-only}.
 *
 * <p>The certificates field is a SET, so DER sorts it; relying parties build the chain from names,
 * not order, and {@link #decode} returns certificates in encoded order.
 */
public final class CertsOnlyPkcs7 {

    private CertsOnlyPkcs7() {
    }

    public static byte[] encode(List<X509CertificateHolder> certificates) {
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("A certs-only message needs at least one certificate");
        }
        try {
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addCertificates(new CollectionStore<>(certificates));
            return generator.generate(new CMSAbsentContent()).getEncoded("DER");
        } catch (CMSException | IOException e) {
            throw new IllegalStateException("A certs-only message always encodes", e);
        }
    }

    /**
     * @throws MalformedInputException unless the input is a SignedData with certificates, no
     *         signers and no content
     */
    public static List<X509CertificateHolder> decode(byte[] der) {
        CMSSignedData signedData;
        try {
            signedData = new CMSSignedData(ContentInfo.getInstance(Der.primitive(der, "PKCS#7 message")));
        } catch (CMSException | IllegalArgumentException | ClassCastException e) {
            throw new MalformedInputException("Not a PKCS#7 SignedData message", e);
        }
        if (!signedData.getSignerInfos().getSigners().isEmpty() || signedData.getSignedContent() != null) {
            throw new MalformedInputException("The PKCS#7 message is signed or has content; expected certs-only");
        }
        Collection<X509CertificateHolder> certificates = signedData.getCertificates().getMatches(null);
        if (certificates.isEmpty()) {
            throw new MalformedInputException("The PKCS#7 message holds no certificate");
        }
        return List.copyOf(new ArrayList<>(certificates));
    }
}
