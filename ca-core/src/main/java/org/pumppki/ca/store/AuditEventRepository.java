package org.pumppki.ca.store;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class AuditEventRepository implements PanacheRepository<AuditEvent> {

    /** The PostgreSQL advisory lock key that serialises appends to the chain. */
    public static final long CHAIN_LOCK = 7243891501L;

    /**
     * Serialises appends across transactions and replicas until the caller's transaction ends, so
     * that each event links to the one committed before it.
     */
    public void lockChainHead() {
        getEntityManager().createNativeQuery("SELECT pg_advisory_xact_lock(?1)").setParameter(1, CHAIN_LOCK)
                .getSingleResult();
    }

    public long nextId() {
        return ((Number) getEntityManager().createNativeQuery("SELECT nextval('audit_event_seq')").getSingleResult())
                .longValue();
    }

    public Optional<String> lastHash() {
        return head().map(e -> e.hash);
    }

    /** The newest event: the head of the chain. */
    public Optional<AuditEvent> head() {
        return find("order by id desc").firstResultOptional();
    }

    /** How many events have an id up to and including {@code id}. */
    public long countUpTo(long id) {
        return count("id <= ?1", id);
    }

    /** Newest first. */
    public Page<AuditEvent> search(AuditSearch search, int page, int size) {
        Conditions where = new Conditions();
        search.actor().ifPresent(actor -> where.add("actor = :actor", "actor", actor));
        search.action().ifPresent(action -> where.add("action = :action", "action", action));
        search.targetType().ifPresent(type -> where.add("targetType = :targetType", "targetType", type));
        search.targetId().ifPresent(id -> where.add("targetId = :targetId", "targetId", id));
        search.from().ifPresent(from -> where.add("occurredAt >= :from", "from", from));
        search.to().ifPresent(to -> where.add("occurredAt < :to", "to", to));
        var query = where.isEmpty() ? findAll(Sort.descending("id")) : find(where.query(), Sort.descending("id"), where.parameters());
        return new Page<>(query.page(page, size).list(), query.count(), page, size);
    }

    /** A page of the chain in order, starting after {@code afterId}. */
    public List<AuditEvent> chainAfter(long afterId, int limit) {
        return find("id > ?1", Sort.ascending("id"), afterId).page(0, limit).list();
    }
}
