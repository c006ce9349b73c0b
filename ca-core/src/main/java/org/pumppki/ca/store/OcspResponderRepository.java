package org.pumppki.ca.store;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

@ApplicationScoped
public class OcspResponderRepository implements PanacheRepository<OcspResponderRecord> {

    /** The responder of the issuer that stays valid longest. */
    public Optional<OcspResponderRecord> newest(long issuerId) {
        return find("issuer.id", Sort.descending("notAfter"), issuerId).firstResultOptional();
    }
}
