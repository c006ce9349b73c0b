package org.pumppki.ca.store;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class AuditEventRepository implements PanacheRepository<AuditEvent> {

    /**
     * Serialises appends across transactions and replicas until the caller's transaction ends, so
     * that each event links to the one committed before it.
     */
    public void lockChainHead() {
        getEntityManager().createNativeQuery("SELECT pg_advisory_xact_lock(7243891501)").getSingleResult();
    }

    public long nextId() {
        return ((Number) getEntityManager().createNativeQuery("SELECT nextval('audit_event_seq')").getSingleResult())
                .longValue();
    }

    public Optional<String> lastHash() {
        return find("order by id desc").firstResultOptional().map(e -> e.hash);
    }

    /** Newest first. */
    public Page<AuditEvent> search(AuditSearch search, int page, int size) {
        java.util.List<String> conditions = new java.util.ArrayList<>();
        io.quarkus.panache.common.Parameters parameters = new io.quarkus.panache.common.Parameters();
        search.actor().ifPresent(v -> { conditions.add("actor = :actor"); parameters.and("actor", v); });
        search.action().ifPresent(v -> { conditions.add("action = :action"); parameters.and("action", v); });
        search.targetType().ifPresent(v -> { conditions.add("targetType = :targetType"); parameters.and("targetType", v); });
        search.targetId().ifPresent(v -> { conditions.add("targetId = :targetId"); parameters.and("targetId", v); });
        search.from().ifPresent(v -> { conditions.add("occurredAt >= :from"); parameters.and("from", v); });
        search.to().ifPresent(v -> { conditions.add("occurredAt < :to"); parameters.and("to", v); });
        String where = String.join(" and ", conditions);
        var query = where.isEmpty() ? findAll(Sort.descending("id")) : find(where, Sort.descending("id"), parameters);
        return new Page<>(query.page(page, size).list(), query.count(), page, size);
    }

    /** A page of the chain in order, starting after {@code afterId}. */
    public List<AuditEvent> chainAfter(long afterId, int limit) {
        return find("id > ?1", Sort.ascending("id"), afterId).page(0, limit).list();
    }
}
