package org.pumppki.ca.service.revocation;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.pumppki.ca.crypto.CertificateStatus;
import org.pumppki.ca.crypto.CertificateStatusLookup;
import org.pumppki.ca.crypto.Der;
import org.pumppki.ca.crypto.RevocationReason;
import org.pumppki.ca.service.authority.AuthoritiesChanged;
import org.pumppki.ca.service.certificate.CertificateChanged;

/**
 * The revocation status of every issued certificate, in memory, per issuer: what the OCSP
 * responder answers from. A root's entries are the issuing CAs it certified. The certificates of a
 * revoked issuing CA are answered revoked as of the CA's revocation, unless revoked earlier. Loaded from the database at start, updated at once by changes committed
 * on this instance and, through PostgreSQL notifications, by changes committed on the others.
 * While the database is unreachable it keeps answering from what it knows and says it is degraded.
 */
@ApplicationScoped
public class OcspStatusIndex implements CertificateStatusLookup {

    /** What the index holds for one serial number. */
    public record Entry(org.pumppki.ca.domain.CertificateStatus status, Instant revokedAt, String reason) {
    }

    private final Map<String, Map<BigInteger, Entry>> byIssuer = new ConcurrentHashMap<>();
    /** Revoked issuing CAs by id: everything they issued counts as revoked. */
    private volatile Map<String, Entry> revokedIssuers = Map.of();
    private final AtomicBoolean degraded = new AtomicBoolean();
    /** Incremented before listeners hear of a change, so that readers can tell a change happened meanwhile. */
    private final AtomicLong version = new AtomicLong();
    private final EntityManager entityManager;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    OcspStatusIndex(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Override
    public CertificateStatus statusOf(String issuerId, BigInteger serial) {
        Map<BigInteger, Entry> serials = byIssuer.get(issuerId);
        if (serials == null) {
            return CertificateStatus.unknown();
        }
        Entry entry = serials.get(serial);
        if (entry == null) {
            return CertificateStatus.notIssued();
        }
        Entry issuerRevoked = revokedIssuers.get(issuerId);
        if (issuerRevoked != null && entry.status() != org.pumppki.ca.domain.CertificateStatus.REVOKED) {
            return CertificateStatus.revoked(issuerRevoked.revokedAt(), reasonUnderRevokedIssuer(issuerRevoked.reason()));
        }
        return switch (entry.status()) {
            case VALID -> CertificateStatus.good();
            case ON_HOLD -> CertificateStatus.revoked(entry.revokedAt(), RevocationReason.CERTIFICATE_HOLD);
            case REVOKED -> CertificateStatus.revoked(entry.revokedAt(), RevocationReason.fromApiName(entry.reason()));
        };
    }

    /** The stored status of a serial, for recording lookups. */
    public Optional<Entry> entry(String issuerId, BigInteger serial) {
        return Optional.ofNullable(byIssuer.getOrDefault(issuerId, Map.of()).get(serial));
    }

    /** Told about every change, e.g. to drop pre-signed answers. */
    public interface Listener {
        void changed(String issuerId, BigInteger serial);

        void reloaded();
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    /** Replaces the whole index with the database's view. */
    public void reload() {
        Map<String, Map<BigInteger, Entry>> fresh = new ConcurrentHashMap<>();
        Map<String, Entry> freshRevokedIssuers = new ConcurrentHashMap<>();
        QuarkusTransaction.requiringNew().run(() -> {
            try (Stream<Object[]> rows = rows(entityManager.createNativeQuery(
                    "SELECT issuer_id, serial_number, status, revoked_at, revocation_reason FROM certificate")
                    .setHint("org.hibernate.fetchSize", 5000))) {
                rows.forEach(row -> fresh.computeIfAbsent(String.valueOf(row[0]), id -> new ConcurrentHashMap<>())
                        .put(new BigInteger((String) row[1], 16), entry(row)));
            }
            entityManager.createNativeQuery("SELECT id FROM certificate_authority WHERE key_id IS NOT NULL", Long.class)
                    .getResultList().forEach(id -> fresh.computeIfAbsent(String.valueOf(id), k -> new ConcurrentHashMap<>()));
            try (Stream<Object[]> rows = rows(entityManager.createNativeQuery(CHILD_CAS))) {
                rows.forEach(row -> {
                    Entry entry = childCaEntry(row);
                    fresh.computeIfAbsent(String.valueOf(row[0]), id -> new ConcurrentHashMap<>())
                            .put(Der.certificate((byte[]) row[1]).getSerialNumber(), entry);
                    if (entry.status() == org.pumppki.ca.domain.CertificateStatus.REVOKED) {
                        freshRevokedIssuers.put(String.valueOf(row[5]), entry);
                    }
                });
            }
        });
        byIssuer.putAll(fresh);
        byIssuer.keySet().retainAll(fresh.keySet());
        revokedIssuers = Map.copyOf(freshRevokedIssuers);
        version.incrementAndGet();
        listeners.forEach(Listener::reloaded);
    }

    /**
     * Re-reads one certificate, after another instance announced a change. A change that names no
     * issued certificate concerns a CA certificate (a revoked issuing CA): everything is re-read.
     */
    public void refresh(String issuerId, BigInteger serial) {
        List<Object[]> found = QuarkusTransaction.requiringNew().call(() -> rows(entityManager.createNativeQuery(
                        "SELECT issuer_id, serial_number, status, revoked_at, revocation_reason FROM certificate "
                                + "WHERE issuer_id = ?1 AND serial_number = ?2")
                .setParameter(1, Long.parseLong(issuerId)).setParameter(2, serial.toString(16))).toList());
        if (found.isEmpty()) {
            reload();
            return;
        }
        found.forEach(row -> put(issuerId, serial, entry(row)));
    }

    /** A CA was added, retired or revoked on this instance: the roots' entries and the revoked issuers change. */
    void onAuthoritiesChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) AuthoritiesChanged change) {
        reload();
    }

    /** Applies a change committed on this instance without waiting for the notification. */
    void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) CertificateChanged change) {
        put(String.valueOf(change.issuerId()), new BigInteger(change.serialNumber(), 16),
                new Entry(change.status(), change.revokedAt(), change.revocationReason()));
    }

    public boolean degraded() {
        return degraded.get();
    }

    void markDegraded(boolean value) {
        degraded.set(value);
    }

    /** Number of certificates indexed, for metrics. */
    public long size() {
        return byIssuer.values().stream().mapToLong(Map::size).sum();
    }

    /** Changes so far; a value read before an answer and again after says whether it may be stale. */
    public long version() {
        return version.get();
    }

    private void put(String issuerId, BigInteger serial, Entry entry) {
        byIssuer.computeIfAbsent(issuerId, id -> new ConcurrentHashMap<>()).put(serial, entry);
        version.incrementAndGet();
        notify(issuerId, serial);
    }

    private void notify(String issuerId, BigInteger serial) {
        listeners.forEach(listener -> listener.changed(issuerId, serial));
    }

    @SuppressWarnings("unchecked")
    private static Stream<Object[]> rows(jakarta.persistence.Query query) {
        return query.getResultStream();
    }

    private static Entry entry(Object[] row) {
        var status = org.pumppki.ca.domain.CertificateStatus.fromLabel((String) row[2]).orElseThrow();
        Instant revokedAt = row[3] == null ? null : toInstant(row[3]);
        return new Entry(status, revokedAt, (String) row[4]);
    }

    /** parent_id, certificate, status, revoked_at, revocation_reason, id of every certified CA. */
    private static final String CHILD_CAS = "SELECT parent_id, certificate, status, revoked_at, revocation_reason, id "
            + "FROM certificate_authority WHERE parent_id IS NOT NULL AND certificate IS NOT NULL";

    private static Entry childCaEntry(Object[] row) {
        if (!"revoked".equals(row[2])) {
            return new Entry(org.pumppki.ca.domain.CertificateStatus.VALID, null, null);
        }
        return new Entry(org.pumppki.ca.domain.CertificateStatus.REVOKED, toInstant(row[3]), (String) row[4]);
    }

    /** A CA compromise makes what the CA signed untrustworthy; other reasons carry over as they are. */
    private static RevocationReason reasonUnderRevokedIssuer(String caReason) {
        RevocationReason reason = RevocationReason.fromApiName(caReason);
        return reason == RevocationReason.KEY_COMPROMISE ? RevocationReason.CA_COMPROMISE : reason;
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }
}
