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
import java.time.Instant;
import org.pumppki.ca.domain.Labelled;

/**
 * A root or issuing CA as stored. A CA without a key is an external trust anchor; a pending CA has
 * a key and a CSR but no certificate yet.
 */
@Entity
@Table(name = "certificate_authority")
public class CertificateAuthorityRecord {

    /** Root or issuing. */
    public enum Role implements Labelled {
        ROOT("root"),
        ISSUING("issuing");

        private final String label;

        Role(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }

    /**
     * Pending (CSR exported, waiting for the signed certificate); active; retired (issues nothing
     * more, but its OCSP responder and CRL keep answering for what it issued); or revoked by its
     * parent (the parent's OCSP responder and CRL report it, and its own certificates are answered
     * revoked). Only an active CA issues certificates.
     */
    public enum Status implements Labelled {
        PENDING("pending"),
        ACTIVE("active"),
        RETIRED("retired"),
        REVOKED("revoked");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** URL-safe name used in publication URLs: {@code /crl/{name}.crl}, {@code /ca/{name}.crt}. */
    @Column(nullable = false, unique = true, length = 64)
    public String name;

    @Column(nullable = false, length = 16)
    @Convert(converter = LabelConverters.CaRoleConverter.class)
    public Role role;

    @Column(nullable = false, length = 16)
    @Convert(converter = LabelConverters.CaStatusConverter.class)
    public Status status;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "parent_id")
    public CertificateAuthorityRecord parent;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "key_id")
    public CaKey key;

    @Column(name = "subject_dn", nullable = false, columnDefinition = "text")
    public String subjectDn;

    public byte[] certificate;

    public byte[] csr;

    @Column(name = "not_before")
    public Instant notBefore;

    @Column(name = "not_after")
    public Instant notAfter;

    @Column(name = "sha256_fingerprint", length = 64)
    public String sha256Fingerprint;

    @Column(name = "is_default", nullable = false)
    public boolean isDefault;

    /** The last CRL number used; the next CRL takes this plus one under a row lock. */
    @Column(name = "last_crl_number", nullable = false)
    public long lastCrlNumber;

    /** A certificate changed status since the last CRL; the next fetch or refresh publishes one. */
    @Column(name = "crl_stale", nullable = false)
    public boolean crlStale = true;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** When the parent revoked this CA; null unless revoked. */
    @Column(name = "revoked_at")
    public Instant revokedAt;

    /** RFC 5280 reason name, e.g. {@code cACompromise}; null unless revoked. */
    @Column(name = "revocation_reason", length = 32)
    public String revocationReason;

    /** Whether relying parties may still see OCSP answers and CRLs signed for this CA. */
    public boolean publishesStatus() {
        return key != null && certificate != null && status != Status.PENDING;
    }
}
