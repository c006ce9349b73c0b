package org.pumppki.ca.store;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

@ApplicationScoped
public class NotificationDeliveryRepository implements PanacheRepository<NotificationDelivery> {

    /** Ids of pending notifications whose next attempt is due, oldest first. */
    public List<Long> due(Instant now, int limit) {
        return getEntityManager().createQuery("select n.id from NotificationDelivery n where n.status = :pending"
                + " and n.nextAttemptAt <= :now order by n.nextAttemptAt, n.id", Long.class)
                .setParameter("pending", NotificationDelivery.PENDING).setParameter("now", now)
                .setMaxResults(limit).getResultList();
    }

    /** The pending notification, locked; null when another replica took it or it is no longer pending. */
    public NotificationDelivery lockPending(long id) {
        List<?> rows = getEntityManager().createNativeQuery(
                "SELECT id FROM notification_delivery WHERE id = ?1 AND status = 'pending' FOR UPDATE SKIP LOCKED")
                .setParameter(1, id).getResultList();
        return rows.isEmpty() ? null : findById(id);
    }

    public Page<NotificationDelivery> log(int page, int size) {
        var query = findAll(Sort.descending("createdAt", "id"));
        return new Page<>(query.page(page, size).list(), query.count(), page, size);
    }
}
