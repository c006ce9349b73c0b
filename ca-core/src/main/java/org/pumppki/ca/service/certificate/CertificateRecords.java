package org.pumppki.ca.service.certificate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.pumppki.ca.crypto.Fingerprint;
import org.pumppki.ca.crypto.StandardProfile;
import org.pumppki.ca.domain.CertificateStatus;
import org.pumppki.ca.store.Certificate;
import org.pumppki.ca.store.CertificateAuthorityRecord;
import org.pumppki.ca.store.Device;

/** Turns a freshly signed certificate into the record the database keeps of it. */
public final class CertificateRecords {

    private CertificateRecords() {
    }

    public static Certificate of(X509CertificateHolder certificate, CertificateAuthorityRecord ca, Device device,
            StandardProfile profile, String keyHash, Instant now, Certificate replaces) {
        Certificate record = new Certificate();
        record.issuer = ca;
        record.serialNumber = certificate.getSerialNumber().toString(16);
        record.subjectDn = certificate.getSubject().toString();
        record.subjectAltNames = altNames(certificate);
        record.profile = profile.profileName();
        record.device = device;
        record.status = CertificateStatus.VALID;
        record.notBefore = certificate.getNotBefore().toInstant();
        record.notAfter = certificate.getNotAfter().toInstant();
        record.der = encoded(certificate);
        record.sha256Fingerprint = Fingerprint.sha256(certificate);
        record.publicKeySha256 = keyHash;
        record.issuedAt = now;
        record.replaces = replaces;
        return record;
    }

    /** A readable summary of the SAN for lists and search; the DER stays the authority. */
    private static String altNames(X509CertificateHolder certificate) {
        Extension san = certificate.getExtension(Extension.subjectAlternativeName);
        if (san == null) {
            return null;
        }
        return java.util.Arrays.stream(GeneralNames.getInstance(san.getParsedValue()).getNames())
                .map(Certificates::describe)
                .collect(Collectors.joining(", "));
    }

    private static byte[] encoded(X509CertificateHolder certificate) {
        try {
            return certificate.getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
