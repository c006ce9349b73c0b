package org.pumppki.ca.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.pumppki.ca.crypto.CertIdHash;

/** Builds OCSP requests as OpenSSL, FreeRADIUS or a misbehaving client would send them. */
public final class TestOcspRequest {

    private final List<CertificateID> certIds = new ArrayList<>();
    private Extension nonce;
    private ContentSigner requestSigner;
    private X509CertificateHolder requestorCertificate;

    public static TestOcspRequest create() {
        return new TestOcspRequest();
    }

    /** A CertID for {@code serial} under {@code issuer}, hashed as a client would. */
    public TestOcspRequest certId(X509CertificateHolder issuer, BigInteger serial, CertIdHash hash) {
        certIds.add(certIdFor(issuer, serial, hash.algorithmIdentifier()));
        return this;
    }

    public TestOcspRequest certId(X509CertificateHolder issuer, BigInteger serial, AlgorithmIdentifier hash) {
        certIds.add(certIdFor(issuer, serial, hash));
        return this;
    }

    /** An RFC 8954 nonce: the octets wrapped in an OCTET STRING inside extnValue. */
    public TestOcspRequest nonce(byte[] octets) {
        try {
            return nonceExtensionValue(new DEROctetString(octets).getEncoded());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Exactly these octets as extnValue; raw octets for a legacy client. */
    public TestOcspRequest nonceExtensionValue(byte[] extnValue) {
        this.nonce = new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false, new DEROctetString(extnValue));
        return this;
    }

    /** Signs the request; PumpPKI must accept it without checking the signature. */
    public TestOcspRequest signedBy(ContentSigner signer, X509CertificateHolder certificate) {
        this.requestSigner = signer;
        this.requestorCertificate = certificate;
        return this;
    }

    public byte[] der() {
        OCSPReqBuilder builder = new OCSPReqBuilder();
        certIds.forEach(builder::addRequest);
        if (nonce != null) {
            builder.setRequestExtensions(new Extensions(nonce));
        }
        try {
            if (requestSigner == null) {
                return builder.build().getEncoded();
            }
            builder.setRequestorName(requestorCertificate.getSubject());
            return builder.build(requestSigner, new X509CertificateHolder[] {requestorCertificate}).getEncoded();
        } catch (OCSPException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static CertificateID certIdFor(X509CertificateHolder issuer, BigInteger serial, AlgorithmIdentifier hash) {
        try {
            return new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(hash), issuer, serial);
        } catch (OperatorCreationException | OCSPException e) {
            throw new IllegalStateException(e);
        }
    }
}
