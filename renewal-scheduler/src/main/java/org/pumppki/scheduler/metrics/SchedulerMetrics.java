package org.pumppki.scheduler.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;
import org.pumppki.ca.config.PkiConfig;
import org.pumppki.ca.domain.FlagKind;
import org.pumppki.ca.domain.FlagSeverity;
import org.pumppki.ca.domain.SchedulerJob;
import org.pumppki.ca.service.scheduler.JobRunFinished;
import org.pumppki.ca.store.CertificateRepository;
import org.pumppki.ca.store.FlagRepository;
import org.pumppki.scheduler.notify.NotificationDeliveryJob;

/**
 * The scheduler's metrics: how long each job took, open flags by kind and severity, certificates by
 * status and expiry window, and failed notification attempts. The counts are taken after each run
 * (a scrape never queries the database).
 */
@ApplicationScoped
public class SchedulerMetrics {

    private static final Logger LOG = Logger.getLogger(SchedulerMetrics.class);

    private final MeterRegistry registry;
    private final FlagRepository flags;
    private final CertificateRepository certificates;
    private final Clock clock;
    private final PkiConfig config;
    private final Map<Tags, AtomicLong> openFlags = new ConcurrentHashMap<>();
    private final Map<Tags, AtomicLong> certificateCounts = new ConcurrentHashMap<>();

    SchedulerMetrics(MeterRegistry registry, FlagRepository flags, CertificateRepository certificates, Clock clock,
            PkiConfig config) {
        this.registry = registry;
        this.flags = flags;
        this.certificates = certificates;
        this.clock = clock;
        this.config = config;
        for (FlagKind kind : FlagKind.values()) {
            for (FlagSeverity severity : FlagSeverity.values()) {
                gauge(openFlags, "pumppki.flags.open", Tags.of("kind", kind.label(), "severity", severity.label()));
            }
        }
    }

    void onRun(@Observes JobRunFinished run) {
        Timer.builder("pumppki.scheduler.job.duration").description("Duration of scheduler job runs")
                .tags("job", run.job().label(), "outcome", run.succeeded() ? "succeeded" : "failed")
                .register(registry).record(run.duration());
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                openFlags.values().forEach(count -> count.set(0));
                for (Object[] row : flags.openCounts()) {
                    gauge(openFlags, "pumppki.flags.open", Tags.of("kind", (String) row[0], "severity", (String) row[1]))
                            .set(((Number) row[2]).longValue());
                }
                if (run.job() == SchedulerJob.EXPIRY_SCAN) {
                    certificateCounts.values().forEach(count -> count.set(0));
                    for (Object[] row : certificates.countByStatusAndWindow(clock.instant(), config.renewal().expiryWarnings())) {
                        gauge(certificateCounts, "pumppki.certificates", Tags.of("status", (String) row[0], "window", (String) row[1]))
                                .set(((Number) row[2]).longValue());
                    }
                }
            });
        } catch (RuntimeException e) {
            LOG.warnf("Cannot update the flag and certificate counts: %s", e.getMessage());
        }
    }

    void onFailedDelivery(@Observes NotificationDeliveryJob.DeliveryFailed failure) {
        registry.counter("pumppki.notifications.failed", "channel", failure.channel()).increment();
    }

    private AtomicLong gauge(Map<Tags, AtomicLong> gauges, String name, Tags tags) {
        return gauges.computeIfAbsent(tags, t -> registry.gauge(name, t, new AtomicLong()));
    }
}
