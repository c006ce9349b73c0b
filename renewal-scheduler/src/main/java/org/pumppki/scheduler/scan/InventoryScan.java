package org.pumppki.scheduler.scan;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.pumppki.ca.domain.FlagKind;
import org.pumppki.ca.domain.SchedulerJob;
import org.pumppki.ca.service.flag.Flags;
import org.pumppki.ca.service.scheduler.JobResult;
import org.pumppki.ca.service.scheduler.ScheduledJob;
import org.pumppki.ca.store.Finding;

/**
 * Checks the inventory against the certificates: devices in service without a valid certificate,
 * devices with more than one valid certificate of one profile (outside a re-enrollment's grace
 * period), and valid device certificates that belong to no device. Quarantined devices still seen
 * over OCSP are flagged by the sightings scan, which reads the lookups.
 */
@ApplicationScoped
public class InventoryScan implements ScheduledJob {

    private static final List<FlagKind> KINDS = List.of(FlagKind.NO_VALID_CERTIFICATE,
            FlagKind.SEVERAL_VALID_CERTIFICATES, FlagKind.CERTIFICATE_WITHOUT_DEVICE);

    record DeviceRow(UUID id, String serial, String kind) {
    }

    private final EntityManager entityManager;
    private final Flags flags;

    InventoryScan(EntityManager entityManager, Flags flags) {
        this.entityManager = entityManager;
        this.flags = flags;
    }

    /** PostgreSQL orders UUIDs as unsigned bytes: the nil UUID comes before every other. */
    private static final UUID FIRST_UUID = new UUID(0, 0);

    @Override
    public SchedulerJob job() {
        return SchedulerJob.INVENTORY_SCAN;
    }

    @Override
    public JobResult run(Instant startedAt) {
        AtomicInteger raised = new AtomicInteger();
        long examined = Batches.<DeviceRow>forEach(after -> withoutCertificate(startedAt, after), rows -> raised.addAndGet(
                flags.record(rows.stream().map(row -> new Finding(FlagKind.NO_VALID_CERTIFICATE,
                        FlagKind.NO_VALID_CERTIFICATE.severity(), Finding.deviceSubject(row.id()), row.id(), null, null,
                        row.kind() + " " + row.serial() + " is in service without a valid certificate", null, null))
                        .toList(), startedAt)));
        List<Finding> several = QuarkusTransaction.requiringNew().call(() -> severalValid(startedAt));
        raised.addAndGet(flags.record(several, startedAt));
        List<Finding> orphans = QuarkusTransaction.requiringNew().call(() -> withoutDevice(startedAt));
        raised.addAndGet(flags.record(orphans, startedAt));
        return JobResult.of(examined + several.size() + orphans.size(), raised.get(), flags.resolveNotSeen(KINDS, startedAt));
    }

    @SuppressWarnings("unchecked")
    private List<DeviceRow> withoutCertificate(Instant now, DeviceRow after) {
        List<Object[]> rows = entityManager.createNativeQuery("""
                SELECT d.id, d.serial, d.kind FROM device d
                WHERE d.state = 'in-service' AND d.id > ?2
                  AND NOT EXISTS (SELECT 1 FROM certificate c WHERE c.device_id = d.id AND c.status = 'valid' AND c.not_after > ?1)
                ORDER BY d.id LIMIT ?3
                """)
                .setParameter(1, now)
                .setParameter(2, after == null ? FIRST_UUID : after.id())
                .setParameter(3, Batches.SIZE)
                .getResultList();
        return rows.stream().map(r -> new DeviceRow((UUID) r[0], (String) r[1], (String) r[2])).toList();
    }

    @SuppressWarnings("unchecked")
    private List<Finding> severalValid(Instant now) {
        List<Object[]> rows = entityManager.createNativeQuery("""
                SELECT d.id, d.serial, d.kind, c.profile, count(*), string_agg(c.serial_number, ' ' ORDER BY c.issued_at)
                FROM certificate c JOIN device d ON d.id = c.device_id
                WHERE c.status = 'valid' AND c.not_after > ?1 AND c.supersede_after IS NULL
                GROUP BY d.id, d.serial, d.kind, c.profile HAVING count(*) > 1
                """).setParameter(1, now).getResultList();
        return rows.stream().map(r -> new Finding(FlagKind.SEVERAL_VALID_CERTIFICATES,
                FlagKind.SEVERAL_VALID_CERTIFICATES.severity(), Finding.deviceSubject((UUID) r[0]) + ":" + r[3], (UUID) r[0],
                null, null, r[2] + " " + r[1] + " holds " + r[4] + " valid " + r[3] + " certificates: " + r[5],
                Details.of().with("profile", r[3]).with("serialNumbers", r[5]).json(), null)).toList();
    }

    @SuppressWarnings("unchecked")
    private List<Finding> withoutDevice(Instant now) {
        List<Object[]> rows = entityManager.createNativeQuery("""
                SELECT c.id, c.serial_number, c.profile, c.not_after FROM certificate c
                WHERE c.device_id IS NULL AND c.status = 'valid' AND c.not_after > ?1 AND c.profile IN ('pump', 'radius-server')
                """).setParameter(1, now).getResultList();
        return rows.stream().map(r -> new Finding(FlagKind.CERTIFICATE_WITHOUT_DEVICE,
                FlagKind.CERTIFICATE_WITHOUT_DEVICE.severity(), Finding.certificateSubject(((Number) r[0]).longValue()), null,
                ((Number) r[0]).longValue(), null, "Valid " + r[2] + " certificate " + r[1] + " belongs to no device",
                null, ExpiryScan.instant(r[3]))).toList();
    }
}
