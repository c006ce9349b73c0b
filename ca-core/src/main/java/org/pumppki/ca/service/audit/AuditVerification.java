package org.pumppki.ca.service.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import org.pumppki.ca.store.AuditEvent;
import org.pumppki.ca.store.AuditEventRepository;

/** Walks the audit log's hash chain and reports the first event that does not link. */
@ApplicationScoped
public class AuditVerification {

    private static final int BATCH = 1_000;

    /** The outcome of a verification: how many events were checked and the first broken link. */
    public record Report(long eventsChecked, Optional<BrokenLink> firstBrokenLink) {
        public boolean intact() {
            return firstBrokenLink.isEmpty();
        }
    }

    /** An event whose stored hashes do not match the chain. */
    public record BrokenLink(long eventId, String reason) {
    }

    private final AuditEventRepository repository;

    AuditVerification(AuditEventRepository repository) {
        this.repository = repository;
    }

    @Transactional
    public Report verify() {
        String expectedPrevious = AuditChain.GENESIS;
        long checked = 0;
        long afterId = Long.MIN_VALUE;
        List<AuditEvent> batch;
        do {
            batch = repository.chainAfter(afterId, BATCH);
            for (AuditEvent event : batch) {
                checked++;
                if (!event.previousHash.equals(expectedPrevious)) {
                    return broken(checked, event, "does not link to the event before it (removed or reordered events)");
                }
                if (!AuditChain.hash(event).equals(event.hash)) {
                    return broken(checked, event, "its content does not match its hash (altered event)");
                }
                expectedPrevious = event.hash;
                afterId = event.id;
            }
            repository.getEntityManager().clear();
        } while (batch.size() == BATCH);
        return new Report(checked, Optional.empty());
    }

    private static Report broken(long checked, AuditEvent event, String reason) {
        return new Report(checked, Optional.of(new BrokenLink(event.id, "Event " + event.id + " " + reason)));
    }
}
