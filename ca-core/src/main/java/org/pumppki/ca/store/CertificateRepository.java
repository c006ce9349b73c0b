package org.pumppki.ca.store;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.pumppki.ca.domain.CertificateStatus;

@ApplicationScoped
public class CertificateRepository implements PanacheRepository<Certificate> {

    public Optional<Certificate> findBySerial(String serialHex) {
        return find("serialNumber", serialHex).firstResultOptional();
    }

    /** Ids of certificates replaced by re-enrollment whose grace period ended before {@code now}. */
    public List<Long> supersededDue(Instant now, int limit) {
        return getEntityManager().createQuery("select c.id from Certificate c where c.supersedeAfter <= :now"
                + " and c.status <> :revoked order by c.supersedeAfter", Long.class)
                .setParameter("now", now).setParameter("revoked", CertificateStatus.REVOKED)
                .setMaxResults(limit).getResultList();
    }

    public Certificate findByIdForUpdate(long id) {
        return findById(id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
    }

    public Optional<Certificate> findBySha256Fingerprint(String fingerprint) {
        return find("sha256Fingerprint", fingerprint).firstResultOptional();
    }

    public Optional<Certificate> findByIssuerAndSerial(long issuerId, String serialHex) {
        return find("issuer.id = ?1 and serialNumber = ?2", issuerId, serialHex).firstResultOptional();
    }

    public List<Certificate> ofDevice(UUID deviceId) {
        return list("device.id", Sort.descending("issuedAt"), deviceId);
    }

    /** Certificates of a device that are not revoked for good and not expired: what it can still use. */
    public List<Certificate> usableOfDevice(UUID deviceId, Instant now) {
        return list("device.id = ?1 and status <> ?2 and notAfter > ?3", Sort.ascending("id"), deviceId,
                CertificateStatus.REVOKED, now);
    }

    /** Certificates of a device that are not revoked for good, expired or not. */
    public List<Certificate> notRevokedOfDevice(UUID deviceId) {
        return list("device.id = ?1 and status <> ?2", Sort.ascending("id"), deviceId, CertificateStatus.REVOKED);
    }

    /**
     * Whether another device holds an unexpired, unrevoked certificate for this public key. Takes a
     * transaction-scoped lock on the key first, so that two concurrent requests cannot both pass.
     */
    public boolean keyInUseByAnotherDevice(String publicKeySha256, UUID deviceId, Instant now) {
        getEntityManager().createNativeQuery("SELECT pg_advisory_xact_lock(hashtextextended(?1, 7243891503))")
                .setParameter(1, publicKeySha256).getSingleResult();
        return count("publicKeySha256 = ?1 and status <> ?2 and notAfter > ?3 and (device is null or device.id <> ?4)",
                publicKeySha256, CertificateStatus.REVOKED, now, deviceId) > 0;
    }

    /**
     * Whether any certificate for this public key was revoked for keyCompromise: such a key is never
     * certified again, for any device.
     */
    public boolean keyRevokedForCompromise(String publicKeySha256) {
        return count("publicKeySha256 = ?1 and status = ?2 and revocationReason = ?3", publicKeySha256,
                CertificateStatus.REVOKED, "keyCompromise") > 0;
    }

    /**
     * Re-reads the certificate under its row lock before a status change: a change that committed
     * meanwhile is seen, one still in progress is waited for. Answers the managed instance to change.
     */
    public Certificate lockForChange(Certificate certificate) {
        var entityManager = getEntityManager();
        if (entityManager.contains(certificate)) {
            entityManager.refresh(certificate, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
            return certificate;
        }
        return entityManager.find(Certificate.class, certificate.id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
    }

    /** Newest first. */
    public Page<Certificate> search(CertificateSearch search, int page, int size) {
        Conditions where = new Conditions();
        search.status().ifPresent(status -> {
            switch (status) {
                case "valid" -> where.add("status = :valid", "valid", CertificateStatus.VALID).add("notAfter > :now", "now", search.now());
                case "expired" -> where.add("status = :valid", "valid", CertificateStatus.VALID).add("notAfter <= :now", "now", search.now());
                case "on-hold" -> where.add("status = :status", "status", CertificateStatus.ON_HOLD);
                case "revoked" -> where.add("status = :status", "status", CertificateStatus.REVOKED);
                default -> throw new IllegalArgumentException("Unknown certificate status " + status);
            }
        });
        search.profile().ifPresent(profile -> where.add("profile = :profile", "profile", profile));
        search.caName().ifPresent(ca -> where.add("issuer.name = :ca", "ca", ca));
        search.deviceId().ifPresent(device -> where.add("device.id = :device", "device", device));
        search.expiringBefore().ifPresent(before -> where.add("notAfter < :before", "before", before));
        Sort order = Sort.descending("issuedAt", "id");
        var query = where.isEmpty() ? findAll(order) : find(where.query(), order, where.parameters());
        return new Page<>(query.page(page, size).list(), query.count(), page, size);
    }

    /** Revoked and held certificates of an issuer that a CRL produced at {@code now} must list. */
    public List<Certificate> crlEntries(long issuerId, Instant expiredAfter) {
        return list("issuer.id = ?1 and status <> ?2 and notAfter > ?3", Sort.ascending("id"), issuerId,
                CertificateStatus.VALID, expiredAfter);
    }

    /**
     * Certificates counted by status (valid, expired, on-hold, revoked) and, for valid ones, the
     * smallest expiry window they are in ({@code 30d}, ...; {@code later} beyond the largest; {@code -}
     * for the others). Rows: status, window, count.
     */
    @SuppressWarnings("unchecked")
    public List<Object[]> countByStatusAndWindow(Instant now, List<java.time.Duration> windows) {
        List<java.time.Duration> ascending = windows.stream().sorted().distinct().toList();
        StringBuilder window = new StringBuilder("CASE WHEN status <> 'valid' OR not_after <= ?1 THEN '-'");
        for (int i = 0; i < ascending.size(); i++) {
            window.append(" WHEN not_after <= ?").append(i + 2).append(" THEN '").append(ascending.get(i).toDays()).append("d'");
        }
        window.append(" ELSE 'later' END");
        var query = getEntityManager().createNativeQuery("SELECT CASE WHEN status = 'valid' AND not_after <= ?1 THEN 'expired'"
                + " ELSE status END AS s, " + window + " AS w, count(*) FROM certificate GROUP BY 1, 2")
                .setParameter(1, now);
        for (int i = 0; i < ascending.size(); i++) {
            query.setParameter(i + 2, now.plus(ascending.get(i)));
        }
        return query.getResultList();
    }
}
