package org.pumppki.ca.service.revocation;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import org.pumppki.ca.service.ScheduledWork;

/**
 * Counts OCSP lookups per certificate and requester in memory and writes them in batches to
 * {@code ocsp_lookup} (per certificate: totals, last requester, last status) and
 * {@code ocsp_lookup_requester} (per certificate and requester), so that the scheduler can flag
 * revoked pumps still trying to join the network, name every server they were presented to, and
 * flag serials nobody issued. The OCSP answer never waits for the database; if the database is
 * away, counts wait. Records older than {@code pki.ocsp.lookup-retention} are purged.
 */
@ApplicationScoped
public class OcspLookupRecorder {

    private static final Logger LOG = Logger.getLogger(OcspLookupRecorder.class);
    private static final int MAX_PENDING = 200_000;
    private static final int MAX_SERIAL_HEX = 64;
    private static final int MAX_REQUESTER = 64;
    private static final String UNKNOWN_REQUESTER = "unknown";

    private record Key(String issuerId, BigInteger serial, String requester) {
    }

    private static final class Tally {
        long count;
        Instant firstSeen;
        Instant lastSeen;
    }

    private final Map<Key, Tally> pending = new ConcurrentHashMap<>();
    private final OcspStatusIndex index;
    private final EntityManager entityManager;
    private final ScheduledWork work;

    OcspLookupRecorder(OcspStatusIndex index, EntityManager entityManager, ScheduledWork work) {
        this.index = index;
        this.entityManager = entityManager;
        this.work = work;
    }

    public void record(String issuerId, BigInteger serial, String requester, Instant at) {
        if (serial.signum() < 0 || serial.toString(16).length() > MAX_SERIAL_HEX || pending.size() >= MAX_PENDING) {
            return;
        }
        String source = requester == null || requester.isBlank() ? UNKNOWN_REQUESTER : requester;
        pending.compute(new Key(issuerId, serial, source.length() > MAX_REQUESTER ? source.substring(0, MAX_REQUESTER) : source),
                (key, tally) -> {
                    Tally t = tally == null ? new Tally() : tally;
                    t.count++;
                    t.firstSeen = t.firstSeen == null || at.isBefore(t.firstSeen) ? at : t.firstSeen;
                    t.lastSeen = t.lastSeen == null || at.isAfter(t.lastSeen) ? at : t.lastSeen;
                    return t;
                });
    }

    /**
     * Deletes the lookup records last seen before {@code cutoff}; run by the scheduler once per
     * sightings scan, across the cluster. Returns how many rows went.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int purgeBefore(Instant cutoff) {
        int requesters = entityManager.createNativeQuery("DELETE FROM ocsp_lookup_requester WHERE last_seen < ?1")
                .setParameter(1, cutoff).executeUpdate();
        return requesters + entityManager.createNativeQuery("DELETE FROM ocsp_lookup WHERE last_seen < ?1")
                .setParameter(1, cutoff).executeUpdate();
    }

    /** On every replica: each one holds its own counts in memory. */
    @Scheduled(every = "${pki.ocsp.lookup-flush:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            executeWith = Scheduled.SIMPLE)
    void scheduledFlush() {
        work.run(this::flush);
    }

    /**
     * Writes what was counted since the last flush; counts stay pending if the database is away.
     * Flushes run one at a time, so when this returns, every lookup recorded before the call is in
     * the table, even if the scheduled flush had already taken it. Returns how many certificates'
     * counts were written.
     */
    public synchronized int flush() {
        List<Map.Entry<Key, Tally>> batch = new ArrayList<>();
        for (Key key : List.copyOf(pending.keySet())) {
            Tally tally = pending.remove(key);
            if (tally != null) {
                batch.add(Map.entry(key, tally));
            }
        }
        if (batch.isEmpty()) {
            return 0;
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> batch.forEach(entry -> upsert(entry.getKey(), entry.getValue())));
            return batch.size();
        } catch (RuntimeException e) {
            LOG.debugf("OCSP lookups not written yet (%s); retrying", e.getMessage());
            batch.forEach(entry -> pending.merge(entry.getKey(), entry.getValue(), OcspLookupRecorder::combine));
            return 0;
        }
    }

    /**
     * The last flush, after HTTP has drained (no lookup comes in any more) and the scheduled
     * flush has ended, before the datasource closes.
     */
    void flushOnShutdown(@Observes @Priority(ScheduledWork.STOP_PRIORITY + 10) ShutdownEvent event) {
        int written = flush();
        if (!pending.isEmpty()) {
            LOG.warnf("OCSP lookup counts of %d certificates could not be written before stopping", pending.size());
        } else if (written > 0) {
            LOG.debugf("Wrote the OCSP lookup counts of %d certificates before stopping", written);
        }
    }

    private void upsert(Key key, Tally tally) {
        String status = index.entry(key.issuerId(), key.serial())
                .map(entry -> entry.status().label().equals("valid") ? "good" : entry.status().label())
                .orElse("not-issued");
        long issuerId = Long.parseLong(key.issuerId());
        String serial = key.serial().toString(16);
        entityManager.createNativeQuery("""
                INSERT INTO ocsp_lookup (issuer_id, serial_number, certificate_id, first_seen, last_seen, lookups,
                                         last_requester, last_status)
                VALUES (?1, ?2, (SELECT id FROM certificate WHERE issuer_id = ?1 AND serial_number = ?2), ?3, ?4, ?5, ?6, ?7)
                ON CONFLICT (issuer_id, serial_number) DO UPDATE SET
                    first_seen = least(ocsp_lookup.first_seen, EXCLUDED.first_seen),
                    last_seen = greatest(ocsp_lookup.last_seen, EXCLUDED.last_seen),
                    lookups = ocsp_lookup.lookups + EXCLUDED.lookups,
                    last_requester = CASE WHEN EXCLUDED.last_seen >= ocsp_lookup.last_seen
                                          THEN EXCLUDED.last_requester ELSE ocsp_lookup.last_requester END,
                    last_status = EXCLUDED.last_status
                """)
                .setParameter(1, issuerId)
                .setParameter(2, serial)
                .setParameter(3, tally.firstSeen)
                .setParameter(4, tally.lastSeen)
                .setParameter(5, tally.count)
                .setParameter(6, key.requester())
                .setParameter(7, status)
                .executeUpdate();
        entityManager.createNativeQuery("""
                INSERT INTO ocsp_lookup_requester (issuer_id, serial_number, requester, first_seen, last_seen, lookups)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                ON CONFLICT (issuer_id, serial_number, requester) DO UPDATE SET
                    first_seen = least(ocsp_lookup_requester.first_seen, EXCLUDED.first_seen),
                    last_seen = greatest(ocsp_lookup_requester.last_seen, EXCLUDED.last_seen),
                    lookups = ocsp_lookup_requester.lookups + EXCLUDED.lookups
                """)
                .setParameter(1, issuerId)
                .setParameter(2, serial)
                .setParameter(3, key.requester())
                .setParameter(4, tally.firstSeen)
                .setParameter(5, tally.lastSeen)
                .setParameter(6, tally.count)
                .executeUpdate();
    }

    private static Tally combine(Tally older, Tally newer) {
        Tally sum = new Tally();
        sum.count = older.count + newer.count;
        sum.firstSeen = older.firstSeen.isBefore(newer.firstSeen) ? older.firstSeen : newer.firstSeen;
        sum.lastSeen = older.lastSeen.isAfter(newer.lastSeen) ? older.lastSeen : newer.lastSeen;
        return sum;
    }
}
