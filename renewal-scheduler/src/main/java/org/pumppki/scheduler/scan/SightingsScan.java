package org.pumppki.scheduler.scan;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.pumppki.ca.config.PkiConfig;
import org.pumppki.ca.domain.FlagKind;
import org.pumppki.ca.domain.SchedulerJob;
import org.pumppki.ca.service.flag.Flags;
import org.pumppki.ca.service.revocation.OcspLookupRecorder;
import org.pumppki.ca.service.scheduler.JobResult;
import org.pumppki.ca.service.scheduler.ScheduledJob;
import org.pumppki.ca.store.Finding;

/**
 * Reads the OCSP lookups of the last {@code pki.scheduler.sightings-scan.lookback} (default 7 days)
 * and flags certificates that are still presented on the network although they should not be: revoked
 * ones looked up after their revocation (a stolen or lost pump knocking), expired ones looked up after
 * notAfter, serials this CA never issued, and quarantined devices whose held certificate is still
 * presented. Each flag names the RADIUS server (requester address) that asked last, how often the
 * certificate was looked up and when. A flag clears once its certificate has not been looked up for
 * the whole lookback.
 */
@ApplicationScoped
public class SightingsScan implements ScheduledJob {

    private static final int MAX_REQUESTERS_NAMED = 20;
    private static final List<FlagKind> KINDS = List.of(FlagKind.REVOKED_STILL_SEEN, FlagKind.EXPIRED_STILL_SEEN,
            FlagKind.UNKNOWN_SERIAL_SEEN, FlagKind.QUARANTINED_DEVICE_SEEN);

    /** One certificate (or unknown serial) looked up inside the lookback. */
    record Row(long issuerId, String serial, Long certificateId, Instant firstSeen, Instant lastSeen, long lookups,
            String requester, String lastStatus, String status, Instant revokedAt, Instant notAfter, UUID deviceId,
            String deviceState, String deviceSerial, String deviceKind, String issuerName) {
    }

    private final EntityManager entityManager;
    private final Flags flags;
    private final OcspLookupRecorder recorder;
    private final Duration lookback;
    private final Duration retention;

    SightingsScan(EntityManager entityManager, Flags flags, OcspLookupRecorder recorder, PkiConfig config) {
        this.entityManager = entityManager;
        this.flags = flags;
        this.recorder = recorder;
        this.lookback = config.scheduler().sightingsScan().lookback();
        this.retention = config.ocsp().lookupRetention();
    }

    @Override
    public SchedulerJob job() {
        return SchedulerJob.SIGHTINGS_SCAN;
    }

    @Override
    public JobResult run(Instant startedAt) {
        // This replica's lookups counted since its last flush belong in this scan; the other replicas
        // write theirs every few seconds.
        recorder.flush();
        recorder.purgeBefore(startedAt.minus(retention));
        Instant since = startedAt.minus(lookback);
        AtomicInteger raised = new AtomicInteger();
        long examined = Batches.<Row>forEach(after -> batch(since, after), rows -> {
            List<Finding> findings = new ArrayList<>();
            rows.forEach(row -> finding(row).ifPresent(findings::add));
            raised.addAndGet(flags.record(findings, startedAt));
        });
        int resolved = flags.resolveNotSeen(KINDS, startedAt);
        return JobResult.of(examined, raised.get(), resolved);
    }

    private Optional<Finding> finding(Row row) {
        Optional<Finding> finding = condition(row);
        if (finding.isEmpty()) {
            return finding;
        }
        List<Map<String, Object>> requesters = QuarkusTransaction.requiringNew().call(() -> requesters(row));
        Finding found = finding.get();
        return Optional.of(new Finding(found.kind(), found.severity(), found.subject(), found.deviceId(), found.certificateId(),
                found.authorityId(), found.summary() + requesterCount(requesters),
                Details.parse(found.details()).with("requesters", requesters).json(), found.dueAt()));
    }

    private Optional<Finding> condition(Row row) {
        Details details = Details.of().with("requester", row.requester()).with("lookups", row.lookups())
                .with("firstSeen", row.firstSeen()).with("lastSeen", row.lastSeen()).with("issuer", row.issuerName())
                .with("serialNumber", row.serial());
        String seen = " was looked up over OCSP by " + row.requester() + ", last at " + row.lastSeen() + " ("
                + row.lookups() + " lookups)";
        if (row.certificateId() == null) {
            return row.lastStatus().equals("not-issued")
                    ? Optional.of(finding(FlagKind.UNKNOWN_SERIAL_SEEN, "serial:" + row.issuerId() + ":" + row.serial(), row,
                            "Serial " + row.serial() + ", never issued by " + row.issuerName() + "," + seen, details))
                    : Optional.empty();
        }
        String certificate = "certificate " + row.serial() + describeDevice(row);
        if ("revoked".equals(row.status()) && row.lastSeen().isAfter(row.revokedAt())) {
            return Optional.of(finding(FlagKind.REVOKED_STILL_SEEN, Finding.certificateSubject(row.certificateId()), row,
                    "Revoked " + certificate + seen + " after its revocation at " + row.revokedAt(),
                    details.with("revokedAt", row.revokedAt())));
        }
        if ("on-hold".equals(row.status()) && "quarantined".equals(row.deviceState())
                && row.lastSeen().isAfter(row.revokedAt())) {
            return Optional.of(finding(FlagKind.QUARANTINED_DEVICE_SEEN, Finding.deviceSubject(row.deviceId()), row,
                    "Quarantined " + row.deviceKind() + " " + row.deviceSerial() + ": its certificate " + row.serial() + seen,
                    details.with("heldAt", row.revokedAt())));
        }
        if ("valid".equals(row.status()) && row.lastSeen().isAfter(row.notAfter())) {
            return Optional.of(finding(FlagKind.EXPIRED_STILL_SEEN, Finding.certificateSubject(row.certificateId()), row,
                    "Expired " + certificate + seen + " after it expired at " + row.notAfter(),
                    details.with("notAfter", row.notAfter())));
        }
        return Optional.empty();
    }

    private static Finding finding(FlagKind kind, String subject, Row row, String summary, Details details) {
        return new Finding(kind, kind.severity(), subject, row.deviceId(), row.certificateId(), null, summary,
                details.json(), null);
    }

    private static String describeDevice(Row row) {
        return row.deviceId() == null ? "" : " of " + row.deviceKind() + " " + row.deviceSerial();
    }

    /** Every server that looked the certificate up, most recent first. */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> requesters(Row row) {
        List<Object[]> rows = entityManager.createNativeQuery("""
                SELECT requester, lookups, first_seen, last_seen FROM ocsp_lookup_requester
                WHERE issuer_id = ?1 AND serial_number = ?2
                ORDER BY last_seen DESC
                LIMIT ?3
                """)
                .setParameter(1, row.issuerId())
                .setParameter(2, row.serial())
                .setParameter(3, MAX_REQUESTERS_NAMED)
                .getResultList();
        return rows.stream().map(r -> {
            Map<String, Object> requester = new LinkedHashMap<>();
            requester.put("address", r[0]);
            requester.put("lookups", ((Number) r[1]).longValue());
            requester.put("firstSeen", ExpiryScan.instant(r[2]).toString());
            requester.put("lastSeen", ExpiryScan.instant(r[3]).toString());
            return requester;
        }).toList();
    }

    private static String requesterCount(List<Map<String, Object>> requesters) {
        return requesters.size() > 1 ? "; " + requesters.size() + " servers asked" : "";
    }

    @SuppressWarnings("unchecked")
    private List<Row> batch(Instant since, Row after) {
        List<Object[]> rows = entityManager.createNativeQuery("""
                SELECT l.issuer_id, l.serial_number, l.certificate_id, l.first_seen, l.last_seen, l.lookups,
                       l.last_requester, l.last_status, c.status, c.revoked_at, c.not_after, d.id, d.state, d.serial,
                       d.kind, a.name
                FROM ocsp_lookup l
                JOIN certificate_authority a ON a.id = l.issuer_id
                LEFT JOIN certificate c ON c.id = l.certificate_id
                LEFT JOIN device d ON d.id = c.device_id
                WHERE l.last_seen >= ?1 AND (l.last_seen, l.issuer_id, l.serial_number) > (?2, ?3, ?4)
                ORDER BY l.last_seen, l.issuer_id, l.serial_number
                LIMIT ?5
                """)
                .setParameter(1, since)
                .setParameter(2, after == null ? Instant.EPOCH : after.lastSeen())
                .setParameter(3, after == null ? 0L : after.issuerId())
                .setParameter(4, after == null ? "" : after.serial())
                .setParameter(5, Batches.SIZE)
                .getResultList();
        return rows.stream().map(r -> new Row(((Number) r[0]).longValue(), (String) r[1],
                r[2] == null ? null : ((Number) r[2]).longValue(), ExpiryScan.instant(r[3]), ExpiryScan.instant(r[4]),
                ((Number) r[5]).longValue(), (String) r[6], (String) r[7], (String) r[8], ExpiryScan.instant(r[9]),
                ExpiryScan.instant(r[10]), (UUID) r[11], (String) r[12], (String) r[13], (String) r[14],
                (String) r[15])).toList();
    }
}
