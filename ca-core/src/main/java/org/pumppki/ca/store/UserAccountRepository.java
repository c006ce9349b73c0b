package org.pumppki.ca.store;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

@ApplicationScoped
public class UserAccountRepository implements PanacheRepository<UserAccount> {

    public long countWithRole(org.pumppki.ca.security.Role role) {
        return count("select count(u) from UserAccount u join u.roles r where r = ?1", role);
    }

    public Optional<UserAccount> findByUsername(String username) {
        return find("username", username).firstResultOptional();
    }
}
