package org.pumppki.ca.crypto;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * SHA-256 fingerprints as lower-case hex without separators: of a whole certificate (what
 * operators compare with {@code openssl x509 -fingerprint -sha256}) and of a SubjectPublicKeyInfo
 * (what identifies a key across renewals, and lets the store refuse one key for two devices).
 */
public final class Fingerprint {

    private Fingerprint() {
    }

    public static String sha256(X509CertificateHolder certificate) {
        return sha256(encoded(certificate));
    }

    public static String sha256(SubjectPublicKeyInfo key) {
        return HexFormat.of().formatHex(sha256Octets(key));
    }

    static byte[] sha256Octets(SubjectPublicKeyInfo key) {
        try {
            return digest(key.getEncoded("DER"));
        } catch (IOException e) {
            throw new IllegalStateException("A parsed key always re-encodes", e);
        }
    }

    /** Hex SHA-256 of any encoded structure, e.g. a CMS message. */
    public static String sha256(byte[] der) {
        return HexFormat.of().formatHex(digest(der));
    }

    private static byte[] digest(byte[] der) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(der);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform provides SHA-256", e);
        }
    }

    private static byte[] encoded(X509CertificateHolder certificate) {
        try {
            return certificate.getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException("A parsed certificate always re-encodes", e);
        }
    }
}
