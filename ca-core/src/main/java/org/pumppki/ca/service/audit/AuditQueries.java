package org.pumppki.ca.service.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.pumppki.ca.store.AuditEvent;
import org.pumppki.ca.store.AuditEventRepository;
import org.pumppki.ca.store.AuditSearch;
import org.pumppki.ca.store.Page;

/** Reads the audit log. */
@ApplicationScoped
public class AuditQueries {

    private final AuditEventRepository repository;

    AuditQueries(AuditEventRepository repository) {
        this.repository = repository;
    }

    @Transactional
    public Page<AuditEvent> search(AuditSearch search, int page, int size) {
        return repository.search(search, page, size);
    }
}
