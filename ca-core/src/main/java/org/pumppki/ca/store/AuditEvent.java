package org.pumppki.ca.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;

/** One entry of the append-only, hash-chained audit log. */
@Entity
@Immutable
@Table(name = "audit_event")
public class AuditEvent {

    /** Drawn from {@code audit_event_seq} before the insert: the hash covers it. */
    @Id
    public Long id;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @Column(nullable = false, length = 128)
    public String actor;

    @Column(name = "actor_roles", length = 64)
    public String actorRoles;

    @Column(name = "source_address", length = 64)
    public String sourceAddress;

    @Column(nullable = false, length = 48)
    public String action;

    @Column(name = "target_type", length = 32)
    public String targetType;

    @Column(name = "target_id", length = 128)
    public String targetId;

    @Column(nullable = false, length = 16)
    public String outcome;

    /** Canonical JSON (sorted keys); never secrets. */
    @Column(columnDefinition = "text")
    public String details;

    @Column(name = "previous_hash", nullable = false, length = 64)
    public String previousHash;

    @Column(nullable = false, length = 64, unique = true)
    public String hash;
}
