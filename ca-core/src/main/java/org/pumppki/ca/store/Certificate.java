package org.pumppki.ca.store;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import org.pumppki.ca.domain.CertificateStatus;

/**
 * A certificate the CA issued, with its revocation status. Status changes take the row lock
 * ({@link CertificateRepository#lockForChange}) and bump {@link #version}; once revoked, the row's
 * status never changes again (a database trigger refuses it).
 */
@Entity
@Table(name = "certificate")
public class Certificate {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "issuer_id")
    public CertificateAuthorityRecord issuer;

    /** Lower-case hexadecimal without leading zeros, as in URLs and OCSP lookups. */
    @Column(name = "serial_number", nullable = false, length = 40)
    public String serialNumber;

    @Column(name = "subject_dn", nullable = false, columnDefinition = "text")
    public String subjectDn;

    @Column(name = "subject_alt_names", columnDefinition = "text")
    public String subjectAltNames;

    @Column(nullable = false, length = 32)
    public String profile;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "device_id")
    public Device device;

    @Column(nullable = false, length = 16)
    @Convert(converter = LabelConverters.CertificateStatusConverter.class)
    public CertificateStatus status;

    @Column(name = "not_before", nullable = false)
    public Instant notBefore;

    @Column(name = "not_after", nullable = false)
    public Instant notAfter;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    /** RFC 5280 reason in its camelCase name; null while valid. */
    @Column(name = "revocation_reason", length = 32)
    public String revocationReason;

    @Column(nullable = false, updatable = false)
    public byte[] der;

    @Column(name = "sha256_fingerprint", nullable = false, length = 64, updatable = false)
    public String sha256Fingerprint;

    @Column(name = "public_key_sha256", nullable = false, length = 64, updatable = false)
    public String publicKeySha256;

    @Column(name = "issued_at", nullable = false, updatable = false)
    public Instant issuedAt;

    /** Whether the hold was placed by quarantining the device: only those holds end with the quarantine. */
    @Column(name = "held_by_quarantine", nullable = false)
    public boolean heldByQuarantine;

    @Version
    @Column(nullable = false)
    public long version;

    /** The certificate this one renewed, if any. */
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "replaces_id")
    public Certificate replaces;

    /** Set when a re-enrollment replaced this certificate: it is revoked as superseded at this time. */
    @Column(name = "supersede_after")
    public Instant supersedeAfter;

    /** Whether the device obtained it over EST (and so renews itself), rather than a person loading it. */
    @Column(name = "enrolled_over_est", nullable = false, updatable = false)
    public boolean enrolledOverEst;

    public boolean isExpiredAt(Instant instant) {
        return !instant.isBefore(notAfter);
    }
}
