package org.pumppki.ca.store;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class CertificateAuthorityRepository implements PanacheRepository<CertificateAuthorityRecord> {

    public Optional<CertificateAuthorityRecord> findByName(String name) {
        return find("name", name).firstResultOptional();
    }

    public Optional<CertificateAuthorityRecord> findDefault() {
        return find("isDefault", true).firstResultOptional();
    }

    public List<CertificateAuthorityRecord> listOrdered() {
        return listAll(Sort.ascending("id"));
    }

    /** Active CAs that hold a key and issue end-entity certificates. */
    public List<CertificateAuthorityRecord> activeIssuing() {
        return list("role = ?1 and status = ?2", Sort.ascending("id"),
                CertificateAuthorityRecord.Role.ISSUING, CertificateAuthorityRecord.Status.ACTIVE);
    }

    /** Takes the row lock that orders CRL numbers and other changes of one CA across replicas. */
    public CertificateAuthorityRecord lock(long id) {
        return findById(id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
    }

    public void markCrlStale(long id) {
        update("crlStale = true where id = ?1", id);
    }

    /** Serialises first-start set-up across replicas that start together. */
    public void lockBootstrap() {
        getEntityManager().createNativeQuery("SELECT pg_advisory_xact_lock(7243891502)").getSingleResult();
    }
}
