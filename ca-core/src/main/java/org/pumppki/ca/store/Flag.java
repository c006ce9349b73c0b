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
import org.pumppki.ca.domain.FlagKind;
import org.pumppki.ca.domain.FlagSeverity;

/**
 * A condition a scan found and a person should act on. Scans write flags with an upsert keyed on
 * (kind, subject) among the open ones ({@link FlagRepository#upsert}); a scan that no longer finds
 * the condition resolves the flag. A person acknowledges it with a comment; it stays open until the
 * condition clears.
 */
@Entity
@Table(name = "flag")
public class Flag {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, length = 40)
    @Convert(converter = LabelConverters.FlagKindConverter.class)
    public FlagKind kind;

    @Column(nullable = false, length = 16)
    @Convert(converter = LabelConverters.FlagSeverityConverter.class)
    public FlagSeverity severity;

    /** What the flag is about, e.g. {@code certificate:42}, {@code device:<uuid>}, {@code ca:3}. */
    @Column(nullable = false, length = 160)
    public String subject;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "device_id")
    public Device device;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "certificate_id")
    public Certificate certificate;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "authority_id")
    public CertificateAuthorityRecord authority;

    @Column(nullable = false, columnDefinition = "text")
    public String summary;

    /** JSON object with the facts behind the flag (window, requester, lookups, ...). */
    @Column(columnDefinition = "text")
    public String details;

    /** When the condition becomes worse if nobody acts, e.g. the certificate's notAfter. */
    @Column(name = "due_at")
    public Instant dueAt;

    @Column(name = "first_seen", nullable = false)
    public Instant firstSeen;

    @Column(name = "last_seen", nullable = false)
    public Instant lastSeen;

    @Column(name = "resolved_at")
    public Instant resolvedAt;

    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;

    @Column(name = "acknowledged_by", length = 128)
    public String acknowledgedBy;

    @Column(columnDefinition = "text")
    public String acknowledgement;

    /** The severity the last notification announced; a flag is announced again when it escalates. */
    @Column(name = "notified_severity", length = 16)
    @Convert(converter = LabelConverters.FlagSeverityConverter.class)
    public FlagSeverity notifiedSeverity;

    public boolean isOpen() {
        return resolvedAt == null;
    }
}
