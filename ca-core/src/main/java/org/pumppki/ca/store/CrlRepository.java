package org.pumppki.ca.store;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

@ApplicationScoped
public class CrlRepository implements PanacheRepository<CrlRecord> {

    public Optional<CrlRecord> latest(long issuerId) {
        return find("issuer.id", Sort.descending("crlNumber"), issuerId).firstResultOptional();
    }
}
