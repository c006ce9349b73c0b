package org.pumppki.ca.service.revocation;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import org.pumppki.ca.service.ScheduledWork;

/**
 * Counts OCSP lookups per certificate in memory and writes them to {@code ocsp_lookup} in batches,
 * so that the scheduler can flag revoked pumps still trying to join the network and serials nobody
 * issued. The OCSP answer never waits for the database; if the database is away, counts wait.
 */
@ApplicationScoped
public class OcspLookupRecorder {

    private static final Logger LOG = Logger.getLogger(OcspLookupRecorder.class);
    private static final int MAX_PENDING = 200_000;
    private static final int MAX_SERIAL_HEX = 64;

    private record Key(String issuerId, BigInteger serial) {
    }

    private static final class Tally {
        long count;
        Instant firstSeen;
        Instant lastSeen;
        String lastRequester;
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
        pending.compute(new Key(issuerId, serial), (key, tally) -> {
            Tally t = tally == null ? new Tally() : tally;
            t.count++;
            t.firstSeen = t.firstSeen == null ? at : t.firstSeen;
            t.lastSeen = at;
            t.lastRequester = requester;
            return t;
        });
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
        entityManager.createNativeQuery("""
                INSERT INTO ocsp_lookup (issuer_id, serial_number, certificate_id, first_seen, last_seen, lookups,
                                         last_requester, last_status)
                VALUES (?1, ?2, (SELECT id FROM certificate WHERE issuer_id = ?1 AND serial_number = ?2), ?3, ?4, ?5, ?6, ?7)
                ON CONFLICT (issuer_id, serial_number) DO UPDATE SET
                    last_seen = greatest(ocsp_lookup.last_seen, EXCLUDED.last_seen),
                    lookups = ocsp_lookup.lookups + EXCLUDED.lookups,
                    last_requester = EXCLUDED.last_requester,
                    last_status = EXCLUDED.last_status
                """)
                .setParameter(1, Long.parseLong(key.issuerId()))
                .setParameter(2, key.serial().toString(16))
                .setParameter(3, tally.firstSeen)
                .setParameter(4, tally.lastSeen)
                .setParameter(5, tally.count)
                .setParameter(6, tally.lastRequester)
                .setParameter(7, status)
                .executeUpdate();
    }

    private static Tally combine(Tally older, Tally newer) {
        Tally sum = new Tally();
        sum.count = older.count + newer.count;
        sum.firstSeen = older.firstSeen.isBefore(newer.firstSeen) ? older.firstSeen : newer.firstSeen;
        sum.lastSeen = older.lastSeen.isAfter(newer.lastSeen) ? older.lastSeen : newer.lastSeen;
        sum.lastRequester = older.lastSeen.isAfter(newer.lastSeen) ? older.lastRequester : newer.lastRequester;
        return sum;
    }
}
