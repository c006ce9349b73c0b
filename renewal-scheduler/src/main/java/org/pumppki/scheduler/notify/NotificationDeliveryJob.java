package org.pumppki.scheduler.notify;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.jboss.logging.Logger;
import org.pumppki.ca.config.PkiConfig;
import org.pumppki.ca.domain.SchedulerJob;
import org.pumppki.ca.service.scheduler.JobResult;
import org.pumppki.ca.service.scheduler.ScheduledJob;
import org.pumppki.ca.store.NotificationDelivery;
import org.pumppki.ca.store.NotificationDeliveryRepository;

/**
 * Queues the notifications of new and escalated flags, then sends every notification whose attempt
 * is due. A failed attempt is tried again after {@code pki.notifications.retry-backoff}, doubled
 * after each failure, until {@code pki.notifications.max-attempts}; then the delivery is marked
 * failed. The times come from the application's clock, so the schedule of retries is the same
 * whether a tick or a person runs the job.
 */
@ApplicationScoped
public class NotificationDeliveryJob implements ScheduledJob {

    private static final Logger LOG = Logger.getLogger(NotificationDeliveryJob.class);
    private static final int BATCH = 200;

    /** Fired for every failed attempt, for metrics. */
    public record DeliveryFailed(String channel) {
    }

    private final FlagAnnouncements announcements;
    private final NotificationDeliveryRepository deliveries;
    private final WebhookSender webhooks;
    private final Mailer mailer;
    private final PkiConfig.Notifications config;
    private final Clock clock;
    private final Event<DeliveryFailed> failures;

    NotificationDeliveryJob(FlagAnnouncements announcements, NotificationDeliveryRepository deliveries,
            WebhookSender webhooks, Mailer mailer, PkiConfig config, Clock clock, Event<DeliveryFailed> failures) {
        this.announcements = announcements;
        this.deliveries = deliveries;
        this.webhooks = webhooks;
        this.mailer = mailer;
        this.config = config.notifications();
        this.clock = clock;
        this.failures = failures;
    }

    @Override
    public SchedulerJob job() {
        return SchedulerJob.NOTIFICATION_DELIVERY;
    }

    @Override
    public JobResult run(Instant startedAt) {
        int flags = announcements.queue();
        List<Long> due = QuarkusTransaction.requiringNew().call(() -> deliveries.due(clock.instant(), BATCH));
        int delivered = 0;
        int failed = 0;
        for (long id : due) {
            Boolean ok = QuarkusTransaction.requiringNew().call(() -> attempt(id));
            if (ok == null) {
                continue;
            }
            if (ok) {
                delivered++;
            } else {
                failed++;
            }
        }
        return new JobResult(due.size(), 0, 0, String.format("%d flags announced, %d notifications delivered, %d attempts failed",
                flags, delivered, failed));
    }

    /** One attempt; null when another replica holds the delivery or it is no longer pending. */
    private Boolean attempt(long id) {
        NotificationDelivery delivery = deliveries.lockPending(id);
        if (delivery == null) {
            return null;
        }
        delivery.attempts++;
        try {
            send(delivery);
            delivery.status = NotificationDelivery.DELIVERED;
            delivery.deliveredAt = clock.instant();
            delivery.nextAttemptAt = null;
            delivery.lastError = null;
            return true;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            delivery.lastError = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (delivery.attempts >= config.maxAttempts()) {
                delivery.status = NotificationDelivery.FAILED;
                delivery.nextAttemptAt = null;
                LOG.warnf("Gave up %s notification %d to %s after %d attempts: %s", delivery.channel, delivery.id,
                        delivery.target, delivery.attempts, delivery.lastError);
            } else {
                delivery.nextAttemptAt = clock.instant().plus(backoff(delivery.attempts));
            }
            failures.fire(new DeliveryFailed(delivery.channel));
            return false;
        }
    }

    /** The wait after the given number of failed attempts: the backoff, doubled after each further failure. */
    Duration backoff(int failedAttempts) {
        return config.retryBackoff().multipliedBy(1L << Math.min(failedAttempts - 1, 20));
    }

    private void send(NotificationDelivery delivery) throws Exception {
        if (FlagAnnouncements.WEBHOOK.equals(delivery.channel)) {
            webhooks.send(delivery);
        } else {
            String[] to = Arrays.stream(delivery.target.split(",")).map(String::strip).toArray(String[]::new);
            mailer.send(Mail.withText(to[0], delivery.subject, delivery.payload).setTo(List.of(to)));
        }
    }
}
