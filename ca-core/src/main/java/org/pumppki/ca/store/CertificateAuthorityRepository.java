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

    /** CAs we hold the key of that answer OCSP and publish CRLs: roots and issuing CAs, active, retired or revoked. */
    public List<CertificateAuthorityRecord> publishing() {
        return list("key is not null and certificate is not null and status <> ?1", Sort.ascending("id"),
                CertificateAuthorityRecord.Status.PENDING);
    }

    /** The CAs {@code parentId} certified that it has revoked: its CRL lists them. */
    public List<CertificateAuthorityRecord> revokedChildren(long parentId) {
        return list("parent.id = ?1 and status = ?2", Sort.ascending("id"), parentId,
                CertificateAuthorityRecord.Status.REVOKED);
    }

    /** Takes the row lock that orders CRL numbers and other changes of one CA across replicas. */
    public CertificateAuthorityRecord lock(long id) {
        CertificateAuthorityRecord ca = findById(id);
        if (ca == null) {
            return null;
        }
        // A row this transaction read earlier would otherwise be locked but keep the values read
        // then (a CRL number another replica has since used): lock and read again in one statement.
        getEntityManager().refresh(ca, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        return ca;
    }

    public void markCrlStale(long id) {
        update("crlStale = true where id = ?1", id);
    }

    /** Serialises first-start set-up across replicas that start together. */
    public void lockBootstrap() {
        getEntityManager().createNativeQuery("SELECT pg_advisory_xact_lock(7243891502)").getSingleResult();
    }
}
