package org.pumppki.ca.store;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;

@ApplicationScoped
public class AuditSignerRepository implements PanacheRepository<AuditSignerRecord> {

    /** Of the issuer's checkpoint signers valid at {@code now}, the one that stays valid longest. */
    public Optional<AuditSignerRecord> current(long issuerId, Instant now) {
        return find("issuer.id = ?1 and certificate.notBefore <= ?2 and notAfter > ?2", Sort.descending("notAfter"),
                issuerId, now).firstResultOptional();
    }
}
