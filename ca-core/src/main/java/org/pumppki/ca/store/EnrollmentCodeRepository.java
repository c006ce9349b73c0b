package org.pumppki.ca.store;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.Optional;

@ApplicationScoped
public class EnrollmentCodeRepository implements PanacheRepository<EnrollmentCode> {

    /** The code with this hash, locked until the transaction ends, so that two requests cannot both spend it. */
    public Optional<EnrollmentCode> findByHashForUpdate(String codeHash) {
        return find("codeHash", codeHash).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }
}
