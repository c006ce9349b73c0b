package org.pumppki.ca.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A notification on its way out (webhook or e-mail) and the log of its attempts. */
@Entity
@Table(name = "notification_delivery")
public class NotificationDelivery {

    public static final String PENDING = "pending";
    public static final String DELIVERED = "delivered";
    public static final String FAILED = "failed";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** {@code webhook} or {@code email}. */
    @Column(nullable = false, length = 16)
    public String channel;

    /** The webhook's configured name, or the e-mail recipients. */
    @Column(nullable = false, length = 200)
    public String target;

    /** {@code flag} or {@code digest}. */
    @Column(nullable = false, length = 16)
    public String kind;

    @Column(name = "flag_id")
    public Long flagId;

    @Column(nullable = false, columnDefinition = "text")
    public String subject;

    /** The JSON body of a webhook, the text of an e-mail. */
    @Column(nullable = false, columnDefinition = "text")
    public String payload;

    @Column(nullable = false, length = 16)
    public String status;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    @Column(name = "last_error", columnDefinition = "text")
    public String lastError;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "delivered_at")
    public Instant deliveredAt;
}
