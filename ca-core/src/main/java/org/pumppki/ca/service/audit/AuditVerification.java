package org.pumppki.ca.service.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.cert.X509CertificateHolder;
import org.pumppki.ca.crypto.CheckpointCms;
import org.pumppki.ca.crypto.Der;
import org.pumppki.ca.crypto.MalformedInputException;
import org.pumppki.ca.store.AuditCheckpoint;
import org.pumppki.ca.store.AuditCheckpointRepository;
import org.pumppki.ca.store.AuditEvent;
import org.pumppki.ca.store.AuditEventRepository;
import org.pumppki.ca.store.CertificateAuthorityRecord;
import org.pumppki.ca.store.CertificateAuthorityRepository;

/**
 * Walks the audit log's hash chain and reports the first event that does not link, then checks
 * that the log still reaches the last signed checkpoint: the chain alone cannot show that its
 * newest events were deleted.
 */
@ApplicationScoped
public class AuditVerification {

    private static final int BATCH = 1_000;

    /** The outcome of a verification: the chain's first broken link and the last checkpoint's check. */
    public record Report(long eventsChecked, Optional<BrokenLink> firstBrokenLink, Optional<CheckpointCheck> lastCheckpoint) {
        public boolean intact() {
            return firstBrokenLink.isEmpty() && lastCheckpoint.map(CheckpointCheck::reached).orElse(true);
        }
    }

    /** An event whose stored hashes do not match the chain. */
    public record BrokenLink(long eventId, String reason) {
    }

    /** The last checkpoint as stored, and why the log no longer reaches it, if it does not. */
    public record CheckpointCheck(long checkpointId, long eventId, long eventCount, Instant createdAt,
            Optional<String> problem) {
        public boolean reached() {
            return problem.isEmpty();
        }
    }

    private final AuditEventRepository repository;
    private final AuditCheckpointRepository checkpoints;
    private final CertificateAuthorityRepository authorities;

    AuditVerification(AuditEventRepository repository, AuditCheckpointRepository checkpoints,
            CertificateAuthorityRepository authorities) {
        this.repository = repository;
        this.checkpoints = checkpoints;
        this.authorities = authorities;
    }

    @Transactional
    public Report verify() {
        Report chain = verifyChain();
        return new Report(chain.eventsChecked(), chain.firstBrokenLink(), checkpoints.latest().map(this::check));
    }

    private Report verifyChain() {
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
        return new Report(checked, Optional.empty(), Optional.empty());
    }

    /** Trusts only what the checkpoint signed, never the columns stored next to it. */
    private CheckpointCheck check(AuditCheckpoint checkpoint) {
        return new CheckpointCheck(checkpoint.id, checkpoint.eventId, checkpoint.eventCount, checkpoint.createdAt,
                problem(checkpoint));
    }

    private Optional<String> problem(AuditCheckpoint checkpoint) {
        ChainHead signed;
        try {
            CheckpointCms.Signed verified = CheckpointCms.verify(checkpoint.cms, roots());
            signed = ChainHead.decode(verified.content());
        } catch (MalformedInputException e) {
            return Optional.of("Checkpoint " + checkpoint.id + " does not verify: " + e.getMessage());
        }
        if (signed.checkpointId() != checkpoint.id) {
            return Optional.of("Checkpoint " + checkpoint.id + " carries the signed content of checkpoint "
                    + signed.checkpointId());
        }
        AuditEvent event = repository.findById(signed.eventId());
        if (event == null) {
            return Optional.of("Event " + signed.eventId() + ", the head signed by checkpoint " + checkpoint.id
                    + ", is missing (the newest events were deleted)");
        }
        if (!event.hash.equals(signed.eventHash())) {
            return Optional.of("Event " + signed.eventId() + " no longer has the hash signed by checkpoint "
                    + checkpoint.id + " (the events up to it were rewritten)");
        }
        long count = repository.countUpTo(signed.eventId());
        if (count != signed.eventCount()) {
            return Optional.of("The log holds " + count + " events up to event " + signed.eventId() + ", checkpoint "
                    + checkpoint.id + " signed " + signed.eventCount() + " (events were removed or inserted)");
        }
        return Optional.empty();
    }

    private List<X509CertificateHolder> roots() {
        return authorities.listAll().stream()
                .filter(ca -> ca.role == CertificateAuthorityRecord.Role.ROOT && ca.certificate != null)
                .map(ca -> Der.certificate(ca.certificate))
                .toList();
    }

    private static Report broken(long checked, AuditEvent event, String reason) {
        return new Report(checked, Optional.of(new BrokenLink(event.id, "Event " + event.id + " " + reason)),
                Optional.empty());
    }
}
