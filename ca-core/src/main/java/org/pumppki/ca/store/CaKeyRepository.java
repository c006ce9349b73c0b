package org.pumppki.ca.store;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class CaKeyRepository implements PanacheRepository<CaKey> {

    public boolean softKeysExist() {
        return count("kind", "soft") > 0;
    }
}
