package org.pumppki.ca.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * Subject and authority key identifiers. New identifiers use RFC 7093 §2 method 1: the leftmost
 * 160 bits of the SHA-256 of the subjectPublicKey bits. That keeps the familiar 20-octet length
 * without computing SHA-1; any method is allowed because relying parties only compare the values.
 */
final class KeyIdentifiers {

    private static final int IDENTIFIER_OCTETS = 20;

    private KeyIdentifiers() {
    }

    static SubjectKeyIdentifier subjectKeyIdentifier(SubjectPublicKeyInfo key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getPublicKeyData().getBytes());
            return new SubjectKeyIdentifier(Arrays.copyOf(digest, IDENTIFIER_OCTETS));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform provides SHA-256", e);
        }
    }

    /**
     * The AKI for certificates and CRLs signed by {@code issuer}: the issuer's own SKI when present
     * (RFC 5280 §4.2.1.1 requires they match), otherwise one derived from its key.
     */
    static AuthorityKeyIdentifier authorityKeyIdentifier(X509CertificateHolder issuer) {
        SubjectKeyIdentifier issuerSki = SubjectKeyIdentifier.fromExtensions(issuer.getExtensions());
        if (issuerSki == null) {
            issuerSki = subjectKeyIdentifier(issuer.getSubjectPublicKeyInfo());
        }
        return new AuthorityKeyIdentifier(issuerSki.getKeyIdentifier());
    }

    static Extension authorityKeyIdentifierExtension(X509CertificateHolder issuer) {
        return ExtensionEncoding.nonCritical(Extension.authorityKeyIdentifier, authorityKeyIdentifier(issuer));
    }

    static Extension subjectKeyIdentifierExtension(SubjectPublicKeyInfo key) {
        return ExtensionEncoding.nonCritical(Extension.subjectKeyIdentifier, subjectKeyIdentifier(key));
    }
}
