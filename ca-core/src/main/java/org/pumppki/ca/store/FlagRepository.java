package org.pumppki.ca.store;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.pumppki.ca.domain.FlagKind;
import org.pumppki.ca.domain.FlagSeverity;

@ApplicationScoped
public class FlagRepository implements PanacheRepositoryBase<Flag, Long> {

    /**
     * Raises each finding's flag, or refreshes the open one of the same kind and subject (severity,
     * facts, last seen), in one statement. The findings must name distinct (kind, subject) pairs.
     * Answers how many flags are new.
     */
    public int upsertAll(List<Finding> findings, Instant seenAt) {
        @SuppressWarnings("unchecked")
        List<Boolean> inserted = getEntityManager().createNativeQuery("""
                INSERT INTO flag (kind, severity, subject, device_id, certificate_id, authority_id, summary, details,
                                  due_at, first_seen, last_seen)
                SELECT f.kind, f.severity, f.subject, f.device_id, f.certificate_id, f.authority_id, f.summary, f.details,
                       f.due_at, ?10, ?10
                FROM unnest(CAST(?1 AS varchar[]), CAST(?2 AS varchar[]), CAST(?3 AS varchar[]), CAST(?4 AS uuid[]),
                            CAST(?5 AS bigint[]), CAST(?6 AS bigint[]), CAST(?7 AS text[]), CAST(?8 AS text[]),
                            CAST(?9 AS timestamptz[]))
                     AS f(kind, severity, subject, device_id, certificate_id, authority_id, summary, details, due_at)
                ON CONFLICT (kind, subject) WHERE resolved_at IS NULL DO UPDATE SET
                    severity = EXCLUDED.severity, summary = EXCLUDED.summary, details = EXCLUDED.details,
                    due_at = EXCLUDED.due_at, last_seen = EXCLUDED.last_seen,
                    device_id = EXCLUDED.device_id, certificate_id = EXCLUDED.certificate_id
                RETURNING (xmax = 0)
                """)
                .setParameter(1, findings.stream().map(f -> f.kind().label()).toArray(String[]::new))
                .setParameter(2, findings.stream().map(f -> f.severity().label()).toArray(String[]::new))
                .setParameter(3, findings.stream().map(Finding::subject).toArray(String[]::new))
                .setParameter(4, findings.stream().map(Finding::deviceId).toArray(java.util.UUID[]::new))
                .setParameter(5, findings.stream().map(Finding::certificateId).toArray(Long[]::new))
                .setParameter(6, findings.stream().map(Finding::authorityId).toArray(Long[]::new))
                .setParameter(7, findings.stream().map(Finding::summary).toArray(String[]::new))
                .setParameter(8, findings.stream().map(Finding::details).toArray(String[]::new))
                .setParameter(9, findings.stream().map(f -> f.dueAt() == null ? null : java.sql.Timestamp.from(f.dueAt()))
                        .toArray(java.sql.Timestamp[]::new))
                .setParameter(10, seenAt)
                .getResultList();
        return (int) inserted.stream().filter(Boolean.TRUE::equals).count();
    }

    /** Resolves the open flags of these kinds that the scan started at {@code scanStart} did not find again. */
    public int resolveNotSeenSince(Collection<FlagKind> kinds, Instant scanStart, Instant now) {
        return getEntityManager().createNativeQuery("""
                UPDATE flag SET resolved_at = ?3
                WHERE resolved_at IS NULL AND kind = ANY (CAST(?1 AS varchar[])) AND last_seen < ?2
                """)
                .setParameter(1, kinds.stream().map(FlagKind::label).toArray(String[]::new))
                .setParameter(2, scanStart)
                .setParameter(3, now)
                .executeUpdate();
    }

    /** Newest first. */
    public Page<Flag> search(FlagSearch search, int page, int size) {
        Conditions where = new Conditions();
        search.kind().ifPresent(kind -> where.add("kind = :kind", "kind", kind));
        search.severity().ifPresent(severity -> where.add("severity = :severity", "severity", severity));
        switch (search.state().orElse("open")) {
            case "open" -> where.add("resolvedAt is null");
            case "resolved" -> where.add("resolvedAt is not null");
            case "all" -> {
            }
            default -> throw new IllegalArgumentException("Unknown flag state " + search.state());
        }
        search.acknowledged().ifPresent(acknowledged -> where.add(acknowledged ? "acknowledgedAt is not null" : "acknowledgedAt is null"));
        search.deviceId().ifPresent(device -> where.add("device.id = :device", "device", device));
        search.serialNumber().ifPresent(serial -> where.add("certificate.serialNumber = :serial", "serial", serial));
        Sort order = Sort.descending("firstSeen", "id");
        var query = where.isEmpty() ? findAll(order) : find(where.query(), order, where.parameters());
        return new Page<>(query.page(page, size).list(), query.count(), page, size);
    }

    /** Open flags whose severity differs from what was last announced, oldest first. */
    public List<Flag> awaitingAnnouncement(int limit) {
        return find("resolvedAt is null and acknowledgedAt is null and (notifiedSeverity is null or notifiedSeverity <> severity)",
                Sort.ascending("id")).page(0, limit).list();
    }

    /** Open, unacknowledged flags below critical: the content of the daily digest. */
    public List<Flag> digest(int limit) {
        return find("resolvedAt is null and acknowledgedAt is null and severity <> ?1", Sort.ascending("dueAt", "id"),
                FlagSeverity.CRITICAL).page(0, limit).list();
    }

    /** Open flags counted by kind and severity, for metrics. */
    public List<Object[]> openCounts() {
        return getEntityManager().createNativeQuery(
                "SELECT kind, severity, count(*) FROM flag WHERE resolved_at IS NULL GROUP BY kind, severity", Object[].class)
                .getResultList();
    }

    /**
     * Open expiry flags of certificates a person loads by hand (not enrolled over EST), soonest due
     * first: the biomeds' renewal work list.
     */
    public List<Flag> manualRenewals() {
        return getEntityManager().createQuery("select f from Flag f join fetch f.device d join fetch f.certificate c"
                + " where f.resolvedAt is null and f.kind in :kinds and c.enrolledOverEst = false"
                + " order by f.dueAt, f.id", Flag.class)
                .setParameter("kinds", List.of(FlagKind.EXPIRING, FlagKind.EXPIRED))
                .getResultList();
    }
}
