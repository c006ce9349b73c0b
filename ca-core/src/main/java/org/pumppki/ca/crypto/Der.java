package org.pumppki.ca.crypto;

import java.io.IOException;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.CertificateList;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * Strict DER decoding of certificates and CRLs: one complete structure, no trailing bytes, and a
 * {@link MalformedInputException} instead of the mix of IOException and runtime exceptions the ASN.1
 * layer throws.
 */
public final class Der {

    private Der() {
    }

    public static X509CertificateHolder certificate(byte[] der) {
        try {
            return new X509CertificateHolder(Certificate.getInstance(primitive(der, "certificate")));
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new MalformedInputException("Not a DER-encoded X.509 certificate", e);
        }
    }

    public static X509CRLHolder crl(byte[] der) {
        try {
            return new X509CRLHolder(CertificateList.getInstance(primitive(der, "CRL")));
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new MalformedInputException("Not a DER-encoded X.509 CRL", e);
        }
    }

    /** Parses exactly one ASN.1 object; BC rejects trailing data after it. */
    static ASN1Primitive primitive(byte[] der, String what) {
        if (der == null || der.length == 0) {
            throw new MalformedInputException("Empty " + what);
        }
        try {
            return ASN1Primitive.fromByteArray(der);
        } catch (IOException | RuntimeException e) {
            throw new MalformedInputException("The " + what + " is not valid DER", e);
        }
    }
}
