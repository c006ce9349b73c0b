package org.pumppki.ca.service.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;
import org.pumppki.ca.service.Actor;
import org.pumppki.ca.store.AuditEvent;
import org.pumppki.ca.store.AuditEventRepository;

/**
 * Appends events to the hash-chained audit log. A state change records its event in its own
 * transaction, so that the change and its record commit or roll back together; refusals that
 * change nothing else (a failed sign-in) are recorded in a transaction of their own.
 */
@ApplicationScoped
public class AuditLog {

    /** Outcome of the audited action. */
    public enum Outcome {
        SUCCESS("success"),
        FAILURE("failure");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private static final ObjectMapper CANONICAL_JSON = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .findAndRegisterModules();

    private final AuditEventRepository repository;
    private final Clock clock;

    AuditLog(AuditEventRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /** Records a successful state change inside the caller's transaction. */
    @Transactional(TxType.MANDATORY)
    public AuditEvent record(Actor actor, AuditAction action, String targetId, Map<String, ?> details) {
        return append(actor, action, targetId, Outcome.SUCCESS, details);
    }

    /** Records a refused or failed attempt in a transaction of its own. */
    @Transactional(TxType.REQUIRES_NEW)
    public AuditEvent recordFailure(Actor actor, AuditAction action, String targetId, Map<String, ?> details) {
        return append(actor, action, targetId, Outcome.FAILURE, details);
    }

    private AuditEvent append(Actor actor, AuditAction action, String targetId, Outcome outcome, Map<String, ?> details) {
        repository.lockChainHead();
        AuditEvent event = new AuditEvent();
        event.id = repository.nextId();
        event.occurredAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        event.actor = truncate(actor.name(), 128);
        event.actorRoles = actor.roles().isEmpty() ? null : truncate(String.join(",", actor.roles()), 64);
        event.sourceAddress = truncate(actor.sourceAddress(), 64);
        event.action = action.label();
        event.targetType = action.targetType().label();
        event.targetId = truncate(targetId, 128);
        event.outcome = outcome.label();
        event.details = details == null || details.isEmpty() ? null : canonicalJson(details);
        event.previousHash = repository.lastHash().orElse(AuditChain.GENESIS);
        event.hash = AuditChain.hash(event);
        repository.persist(event);
        return event;
    }

    private static String canonicalJson(Map<String, ?> details) {
        try {
            return CANONICAL_JSON.writeValueAsString(new TreeMap<>(details));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Audit details must be plain values", e);
        }
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
