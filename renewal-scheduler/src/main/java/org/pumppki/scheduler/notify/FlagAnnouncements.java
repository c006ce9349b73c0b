package org.pumppki.scheduler.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.pumppki.ca.config.PkiConfig;
import org.pumppki.ca.domain.FlagSeverity;
import org.pumppki.ca.service.flag.FlagSummary;
import org.pumppki.ca.store.Flag;
import org.pumppki.ca.store.FlagRepository;
import org.pumppki.ca.store.NotificationDelivery;
import org.pumppki.ca.store.NotificationDeliveryRepository;

/**
 * Turns new and escalated flags into notifications waiting for delivery: one webhook call per
 * configured webhook for every such flag, and an e-mail at once for critical ones. Flags below
 * critical reach people by e-mail through the daily digest.
 */
@ApplicationScoped
public class FlagAnnouncements {

    static final String WEBHOOK = "webhook";
    static final String EMAIL = "email";
    private static final int BATCH = 500;
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final FlagRepository flags;
    private final NotificationDeliveryRepository deliveries;
    private final PkiConfig.Notifications config;
    private final Clock clock;

    FlagAnnouncements(FlagRepository flags, NotificationDeliveryRepository deliveries, PkiConfig config, Clock clock) {
        this.flags = flags;
        this.deliveries = deliveries;
        this.config = config.notifications();
        this.clock = clock;
    }

    /** Queues the notifications of every flag not yet announced at its severity; answers how many flags. */
    public int queue() {
        int total = 0;
        int queued;
        do {
            queued = QuarkusTransaction.requiringNew().call(this::queueBatch);
            total += queued;
        } while (queued == BATCH);
        return total;
    }

    private int queueBatch() {
        Instant now = clock.instant();
        List<Flag> batch = flags.awaitingAnnouncement(BATCH);
        for (Flag flag : batch) {
            String event = flag.notifiedSeverity == null ? "flag.raised" : "flag.escalated";
            FlagSummary summary = FlagSummary.of(flag);
            String body = json(Map.of("event", event, "flag", summary));
            for (String name : config.webhooks().keySet()) {
                persist(WEBHOOK, name, flag, event + ": " + flag.summary, body, now);
            }
            if (flag.severity == FlagSeverity.CRITICAL && config.mail().to().isPresent()) {
                persist(EMAIL, String.join(",", config.mail().to().get()), flag, "[PumpPKI] Critical: " + flag.summary,
                        MailText.flag(summary), now);
            }
            flag.notifiedSeverity = flag.severity;
        }
        return batch.size();
    }

    /** Queues one e-mail to the configured recipients, if any. */
    void queueMail(String kind, String subject, String text) {
        config.mail().to().ifPresent(to -> {
            NotificationDelivery delivery = delivery(EMAIL, String.join(",", to), kind, subject, text, clock.instant());
            deliveries.persist(delivery);
        });
    }

    private void persist(String channel, String target, Flag flag, String subject, String payload, Instant now) {
        NotificationDelivery delivery = delivery(channel, target, "flag", subject, payload, now);
        delivery.flagId = flag.id;
        deliveries.persist(delivery);
    }

    private static NotificationDelivery delivery(String channel, String target, String kind, String subject,
            String payload, Instant now) {
        NotificationDelivery delivery = new NotificationDelivery();
        delivery.channel = channel;
        delivery.target = target.length() > 200 ? target.substring(0, 200) : target;
        delivery.kind = kind;
        delivery.subject = subject;
        delivery.payload = payload;
        delivery.status = NotificationDelivery.PENDING;
        delivery.nextAttemptAt = now;
        delivery.createdAt = now;
        return delivery;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
