package org.pumppki.api.admin;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.pumppki.ca.domain.CertificateStatus;
import org.pumppki.ca.store.Certificate;

/** An issued certificate's record. */
@Schema(name = "Certificate")
public record CertificateView(
        @Schema(description = "Serial number, lower-case hexadecimal", example = "5f3a9c0e77d2b4a1c6e8f0a2b4d6e8f1") String serial,
        @Schema(description = "Name of the issuing CA", example = "issuing") String issuer,
        @Schema(example = "CN=PCU-8015-00417,SERIALNUMBER=PCU-8015-00417") String subject,
        @Schema(example = "otherName:1.3.6.1.5.5.7.8.4") String subjectAltNames,
        @Schema(enumeration = {"pump", "pump-server", "radius-server", "ocsp-responder"}) String profile,
        UUID deviceId,
        @Schema(enumeration = {"valid", "expired", "on-hold", "revoked"}) String status,
        Instant notBefore,
        Instant notAfter,
        Instant revokedAt,
        @Schema(description = "RFC 5280 reason", example = "keyCompromise") String revocationReason,
        String sha256Fingerprint,
        Instant issuedAt,
        @Schema(description = "Serial of the certificate this one renewed") String replaces) {

    static CertificateView of(Certificate c, Clock clock) {
        return new CertificateView(c.serialNumber, c.issuer.name, c.subjectDn, c.subjectAltNames, c.profile,
                c.device == null ? null : c.device.id, status(c, clock.instant()), c.notBefore, c.notAfter, c.revokedAt,
                c.revocationReason, c.sha256Fingerprint, c.issuedAt, c.replaces == null ? null : c.replaces.serialNumber);
    }

    /** The stored status, with "expired" for valid certificates past their notAfter. */
    static String status(Certificate c, Instant now) {
        return c.status == CertificateStatus.VALID && c.isExpiredAt(now) ? "expired" : c.status.label();
    }
}
