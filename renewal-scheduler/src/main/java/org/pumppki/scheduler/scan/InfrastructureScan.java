package org.pumppki.scheduler.scan;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.pumppki.ca.config.PkiConfig;
import org.pumppki.ca.domain.FlagKind;
import org.pumppki.ca.domain.FlagSeverity;
import org.pumppki.ca.domain.SchedulerJob;
import org.pumppki.ca.service.flag.Flags;
import org.pumppki.ca.service.scheduler.JobResult;
import org.pumppki.ca.service.scheduler.ScheduledJob;
import org.pumppki.ca.store.Finding;

/**
 * Flags the certificates the whole fleet depends on well before they expire
 * ({@code pki.scheduler.infrastructure-scan.expiry-warnings}, default 90, 60 and 30 days): root and
 * issuing CAs, and the current certificates of RADIUS servers and pump servers. Certificates PumpPKI
 * renews on its own (OCSP responders, its own HTTPS certificate) have short lives; they are flagged
 * when less than a quarter of their life is left, which means their renewal is failing.
 */
@ApplicationScoped
public class InfrastructureScan implements ScheduledJob {

    private static final double AUTOMATIC_RENEWAL_OVERDUE = 0.25;

    private final EntityManager entityManager;
    private final Flags flags;
    private final ExpiryWindows windows;

    InfrastructureScan(EntityManager entityManager, Flags flags, PkiConfig config) {
        this.entityManager = entityManager;
        this.flags = flags;
        this.windows = new ExpiryWindows(config.scheduler().infrastructureScan().expiryWarnings());
    }

    @Override
    public SchedulerJob job() {
        return SchedulerJob.INFRASTRUCTURE_SCAN;
    }

    @Override
    public JobResult run(Instant startedAt) {
        List<Finding> findings = QuarkusTransaction.requiringNew().call(() -> {
            List<Finding> found = new ArrayList<>();
            authorities(startedAt, found);
            servers(startedAt, found);
            renewedAutomatically(startedAt, found);
            return found;
        });
        int raised = flags.record(findings, startedAt);
        return JobResult.of(findings.size(), raised, flags.resolveNotSeen(List.of(FlagKind.INFRASTRUCTURE_EXPIRING), startedAt));
    }

    @SuppressWarnings("unchecked")
    private void authorities(Instant now, List<Finding> found) {
        List<Object[]> rows = entityManager.createNativeQuery("""
                SELECT id, name, role, not_after FROM certificate_authority
                WHERE status IN ('active', 'retired') AND not_after IS NOT NULL AND not_after < ?1
                """).setParameter(1, windows.horizon(now)).getResultList();
        for (Object[] r : rows) {
            long id = ((Number) r[0]).longValue();
            Instant notAfter = ExpiryScan.instant(r[3]);
            graded(now, notAfter).ifPresent(severity -> found.add(new Finding(FlagKind.INFRASTRUCTURE_EXPIRING, severity,
                    Finding.authoritySubject(id), null, null, id,
                    r[2] + " CA " + r[1] + " expires at " + notAfter, Details.of().with("ca", r[1]).with("notAfter", notAfter).json(),
                    notAfter)));
        }
    }

    @SuppressWarnings("unchecked")
    private void servers(Instant now, List<Finding> found) {
        List<Object[]> rows = entityManager.createNativeQuery("""
                SELECT c.id, c.serial_number, c.not_after, d.id, d.serial, d.kind FROM certificate c
                JOIN device d ON d.current_certificate_id = c.id
                WHERE c.status = 'valid' AND c.not_after < ?1 AND d.kind IN ('pump-server', 'radius-server')
                  AND d.state = 'in-service'
                """).setParameter(1, windows.horizon(now)).getResultList();
        for (Object[] r : rows) {
            long id = ((Number) r[0]).longValue();
            Instant notAfter = ExpiryScan.instant(r[2]);
            graded(now, notAfter).ifPresent(severity -> found.add(new Finding(FlagKind.INFRASTRUCTURE_EXPIRING, severity,
                    Finding.certificateSubject(id), (UUID) r[3], id, null,
                    r[5] + " " + r[4] + ": certificate " + r[1] + " expires at " + notAfter,
                    Details.of().with("notAfter", notAfter).json(), notAfter)));
        }
    }

    /** Current OCSP responder certificates and the newest own HTTPS certificate, if their renewal is overdue. */
    @SuppressWarnings("unchecked")
    private void renewedAutomatically(Instant now, List<Finding> found) {
        List<Object[]> rows = entityManager.createNativeQuery("""
                SELECT c.id, c.serial_number, c.profile, c.not_before, c.not_after FROM certificate c
                WHERE c.status = 'valid' AND c.device_id IS NULL AND c.not_after > ?1
                  AND (c.id IN (SELECT r.certificate_id FROM ocsp_responder r
                                WHERE r.created_at = (SELECT max(o.created_at) FROM ocsp_responder o WHERE o.issuer_id = r.issuer_id))
                       OR c.id = (SELECT max(t.id) FROM certificate t WHERE t.device_id IS NULL AND t.profile = 'pump-server'))
                """).setParameter(1, now).getResultList();
        for (Object[] r : rows) {
            Instant notBefore = ExpiryScan.instant(r[3]);
            Instant notAfter = ExpiryScan.instant(r[4]);
            long lifetime = Duration.between(notBefore, notAfter).toMillis();
            if (Duration.between(now, notAfter).toMillis() < lifetime * AUTOMATIC_RENEWAL_OVERDUE) {
                long id = ((Number) r[0]).longValue();
                found.add(new Finding(FlagKind.INFRASTRUCTURE_EXPIRING, FlagSeverity.CRITICAL, Finding.certificateSubject(id),
                        null, id, null, r[2] + " certificate " + r[1] + " was not renewed automatically and expires at " + notAfter,
                        Details.of().with("notAfter", notAfter).with("renewedAutomatically", true).json(), notAfter));
            }
        }
    }

    private java.util.Optional<FlagSeverity> graded(Instant now, Instant notAfter) {
        return now.isBefore(notAfter) ? windows.of(notAfter, now).map(ExpiryWindows.Window::severity)
                : java.util.Optional.of(FlagSeverity.CRITICAL);
    }
}
