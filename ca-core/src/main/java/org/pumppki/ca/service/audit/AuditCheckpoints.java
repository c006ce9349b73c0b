package org.pumppki.ca.service.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import org.pumppki.ca.crypto.CheckpointCms;
import org.pumppki.ca.service.Actor;
import org.pumppki.ca.service.PkiException;
import org.pumppki.ca.store.AuditCheckpoint;
import org.pumppki.ca.store.AuditCheckpointRepository;
import org.pumppki.ca.store.AuditEvent;
import org.pumppki.ca.store.AuditEventRepository;
import org.pumppki.ca.store.Page;

/**
 * Signs the head of the audit chain. The chain alone shows events altered, removed or reordered;
 * a checkpoint also shows the newest events deleted, because it names an event and a count that a
 * shortened log no longer reaches. One checkpoint per head: a request or a replica that finds the
 * head already checkpointed gets that checkpoint back and changes nothing.
 */
@ApplicationScoped
public class AuditCheckpoints {

    /** The checkpoint of the current head and whether this call created it. */
    public record Taken(AuditCheckpoint checkpoint, boolean created) {
    }

    /** A checkpoint was committed: its copies outside the database are due. */
    public record Created(long id, ChainHead head, byte[] cms) {
    }

    private final AuditEventRepository events;
    private final AuditCheckpointRepository checkpoints;
    private final AuditSigners signers;
    private final AuditLog auditLog;
    private final Clock clock;
    private final Event<Created> created;

    AuditCheckpoints(AuditEventRepository events, AuditCheckpointRepository checkpoints, AuditSigners signers,
            AuditLog auditLog, Clock clock, Event<Created> created) {
        this.events = events;
        this.checkpoints = checkpoints;
        this.signers = signers;
        this.auditLog = auditLog;
        this.clock = clock;
        this.created = created;
    }

    /**
     * Checkpoints the chain head unless it is checkpointed already. The checkpoint's own audit event
     * is the head it signs, so that a log with nothing new since stays at one checkpoint.
     *
     * @throws PkiException (conflict) if the log is empty or there is no issuing CA to certify the signer
     */
    @Transactional
    public Taken take(Actor actor) {
        events.lockChainHead();
        AuditEvent head = events.head().orElseThrow(() -> PkiException.conflict("audit-log-empty",
                "The audit log has no events to checkpoint."));
        Optional<AuditCheckpoint> latest = checkpoints.latest();
        if (latest.isPresent() && latest.get().eventId == head.id) {
            return new Taken(latest.get(), false);
        }
        AuditSigners.Signing signing = signers.current();
        long id = checkpoints.nextId();
        AuditEvent event = auditLog.record(actor, AuditAction.AUDIT_CHECKPOINT_CREATED, String.valueOf(id),
                Map.of("signer", signing.record().certificate.serialNumber));
        ChainHead signed = new ChainHead(id, event.id, event.hash, events.countUpTo(event.id),
                clock.instant().truncatedTo(ChronoUnit.SECONDS));
        AuditCheckpoint checkpoint = new AuditCheckpoint();
        checkpoint.id = id;
        checkpoint.eventId = signed.eventId();
        checkpoint.eventHash = signed.eventHash();
        checkpoint.eventCount = signed.eventCount();
        checkpoint.createdAt = signed.createdAt();
        checkpoint.signerId = signing.record().id;
        checkpoint.cms = CheckpointCms.sign(signed.encode(), signed.createdAt(), signing.signer(), signing.chain());
        checkpoints.persist(checkpoint);
        created.fire(new Created(id, signed, checkpoint.cms));
        return new Taken(checkpoint, true);
    }

    @Transactional
    public Page<AuditCheckpoint> list(int page, int size) {
        return checkpoints.list(page, size);
    }

    @Transactional
    public AuditCheckpoint get(long id) {
        return checkpoints.findByIdOptional(id).orElseThrow(() -> PkiException.notFound("audit-checkpoint-not-found",
                "No audit checkpoint " + id + "."));
    }

    @Transactional
    public Optional<AuditCheckpoint> latest() {
        return checkpoints.latest();
    }
}
