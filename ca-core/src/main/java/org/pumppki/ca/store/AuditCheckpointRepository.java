package org.pumppki.ca.store;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

@ApplicationScoped
public class AuditCheckpointRepository implements PanacheRepository<AuditCheckpoint> {

    public long nextId() {
        return ((Number) getEntityManager().createNativeQuery("SELECT nextval('audit_checkpoint_seq')")
                .getSingleResult()).longValue();
    }

    public Optional<AuditCheckpoint> latest() {
        return find("order by id desc").firstResultOptional();
    }

    /** Newest first. */
    public Page<AuditCheckpoint> list(int page, int size) {
        var query = findAll(Sort.descending("id"));
        return new Page<>(query.page(page, size).list(), query.count(), page, size);
    }
}
