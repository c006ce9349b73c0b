package org.pumppki.scheduler.scan;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.pumppki.ca.config.PkiConfig;
import org.pumppki.ca.domain.FlagKind;
import org.pumppki.ca.domain.SchedulerJob;
import org.pumppki.ca.service.flag.Flags;
import org.pumppki.ca.service.scheduler.JobResult;
import org.pumppki.ca.service.scheduler.ScheduledJob;
import org.pumppki.ca.store.Finding;

/**
 * Flags the current certificates of devices in service that are inside an expiry window
 * ({@code pki.renewal.expiry-warnings}, default 30, 7 and 1 days) or have expired. Only a device's
 * current certificate counts: renewing it makes the old one no longer current, and the next scan
 * resolves its flag. Reads an index range over notAfter, a batch at a time.
 */
@ApplicationScoped
public class ExpiryScan implements ScheduledJob {

    private static final List<FlagKind> KINDS = List.of(FlagKind.EXPIRING, FlagKind.EXPIRED);

    /** One certificate inside the horizon. */
    record Row(long certificateId, String serial, Instant notAfter, boolean enrolledOverEst, UUID deviceId,
            String deviceSerial, String deviceKind) {
    }

    private final EntityManager entityManager;
    private final Flags flags;
    private final Clock clock;
    private final ExpiryWindows windows;

    ExpiryScan(EntityManager entityManager, Flags flags, Clock clock, PkiConfig config) {
        this.entityManager = entityManager;
        this.flags = flags;
        this.clock = clock;
        this.windows = new ExpiryWindows(config.renewal().expiryWarnings());
    }

    @Override
    public SchedulerJob job() {
        return SchedulerJob.EXPIRY_SCAN;
    }

    @Override
    public JobResult run(Instant startedAt) {
        Instant horizon = windows.horizon(startedAt);
        AtomicInteger raised = new AtomicInteger();
        long examined = Batches.<Row>forEach(after -> batch(horizon, after), rows -> {
            Instant now = clock.instant();
            List<Finding> findings = new ArrayList<>();
            rows.forEach(row -> finding(row, now).ifPresent(findings::add));
            raised.addAndGet(flags.record(findings, startedAt));
        });
        int resolved = flags.resolveNotSeen(KINDS, startedAt);
        return JobResult.of(examined, raised.get(), resolved);
    }

    private java.util.Optional<Finding> finding(Row row, Instant now) {
        String subject = Finding.certificateSubject(row.certificateId());
        String renewal = row.enrolledOverEst() ? "renews itself over EST" : "needs its certificate loaded by hand";
        if (!now.isBefore(row.notAfter())) {
            return java.util.Optional.of(new Finding(FlagKind.EXPIRED, FlagKind.EXPIRED.severity(), subject, row.deviceId(),
                    row.certificateId(), null,
                    "Certificate " + row.serial() + " of " + row.deviceKind() + " " + row.deviceSerial() + " expired at "
                            + row.notAfter(),
                    Details.of().with("notAfter", row.notAfter()).with("renewsOverEst", row.enrolledOverEst()).json(),
                    row.notAfter()));
        }
        return windows.of(row.notAfter(), now).map(window -> new Finding(FlagKind.EXPIRING, window.severity(), subject,
                row.deviceId(), row.certificateId(), null,
                "Certificate " + row.serial() + " of " + row.deviceKind() + " " + row.deviceSerial() + " expires in "
                        + ChronoUnit.DAYS.between(now, row.notAfter()) + " days (inside the " + window.label()
                        + " window); the device " + renewal,
                Details.of().with("window", window.label()).with("notAfter", row.notAfter())
                        .with("renewalWindowStart", row.notAfter().minus(windows.largest()))
                        .with("renewsOverEst", row.enrolledOverEst()).json(),
                row.notAfter()));
    }

    @SuppressWarnings("unchecked")
    private List<Row> batch(Instant horizon, Row after) {
        List<Object[]> rows = entityManager.createNativeQuery("""
                SELECT c.id, c.serial_number, c.not_after, c.enrolled_over_est, d.id, d.serial, d.kind
                FROM certificate c JOIN device d ON d.current_certificate_id = c.id
                WHERE c.status = 'valid' AND c.not_after < ?1 AND d.state = 'in-service'
                  AND (c.not_after, c.id) > (?2, ?3)
                ORDER BY c.not_after, c.id
                LIMIT ?4
                """)
                .setParameter(1, horizon)
                .setParameter(2, after == null ? Instant.EPOCH : after.notAfter())
                .setParameter(3, after == null ? 0L : after.certificateId())
                .setParameter(4, Batches.SIZE)
                .getResultList();
        return rows.stream().map(r -> new Row(((Number) r[0]).longValue(), (String) r[1], instant(r[2]),
                (Boolean) r[3], (UUID) r[4], (String) r[5], (String) r[6])).toList();
    }

    static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        return ((Timestamp) value).toInstant();
    }
}
