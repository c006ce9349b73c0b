package org.pumppki.ca.store;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

@ApplicationScoped
public class OcspResponderRepository implements PanacheRepository<OcspResponderRecord> {

    /** Of the issuer's responders valid at {@code now}, the one that stays valid longest. */
    public Optional<OcspResponderRecord> current(long issuerId, java.time.Instant now) {
        return find("issuer.id = ?1 and certificate.notBefore <= ?2 and notAfter > ?2", Sort.descending("notAfter"),
                issuerId, now).firstResultOptional();
    }
}
