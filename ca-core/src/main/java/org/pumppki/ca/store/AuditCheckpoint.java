package org.pumppki.ca.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;

/**
 * A signed statement of the audit chain head. The columns repeat what the CMS signs, for listing;
 * verification trusts only the signed content.
 */
@Entity
@Immutable
@Table(name = "audit_checkpoint")
public class AuditCheckpoint {

    /** Drawn from {@code audit_checkpoint_seq} before the insert: the signed content names it. */
    @Id
    public Long id;

    @Column(name = "event_id", nullable = false)
    public long eventId;

    @Column(name = "event_hash", nullable = false, length = 64)
    public String eventHash;

    @Column(name = "event_count", nullable = false)
    public long eventCount;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "signer_id", nullable = false)
    public long signerId;

    /** DER of the CMS SignedData. */
    @Column(nullable = false)
    public byte[] cms;
}
