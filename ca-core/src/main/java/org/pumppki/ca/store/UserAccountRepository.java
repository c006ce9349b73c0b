package org.pumppki.ca.store;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

@ApplicationScoped
public class UserAccountRepository implements PanacheRepository<UserAccount> {

    /**
     * Serializes changes that must see every administrator, such as deleting one, until the
     * transaction ends: two administrators deleting each other cannot both count two admins.
     */
    public void lockAdministrators() {
        getEntityManager().createNativeQuery("SELECT pg_advisory_xact_lock(7243891504)").getSingleResult();
    }

    public long countWithRole(org.pumppki.ca.security.Role role) {
        return count("select count(u) from UserAccount u join u.roles r where r = ?1", role);
    }

    public Optional<UserAccount> findByUsername(String username) {
        return find("username", username).firstResultOptional();
    }
}
