package org.pumppki.ca.service.device;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pumppki.ca.domain.CertificateHealth;
import org.pumppki.ca.domain.CertificateStatus;
import org.pumppki.ca.domain.DeviceState;
import org.pumppki.ca.store.DeviceSearch;
import org.pumppki.ca.store.DeviceSort;

/**
 * The fleet at a glance: how many devices are in each certificate health and lifecycle state, and
 * how many valid certificates expire in each of the coming weeks. Counts use the device list's own
 * query, so the overview and a filtered list always agree.
 */
@ApplicationScoped
public class FleetOverview {

    /** Weeks shown on the expiry timeline: the next twelve months. */
    public static final int TIMELINE_WEEKS = 52;

    /** Devices per credential health and per state. */
    public record Counts(Map<CertificateHealth, Long> byHealth, Map<DeviceState, Long> byState, long total) {
    }

    /** Valid current certificates whose notAfter falls in the week starting at {@code start}. */
    public record ExpiryWeek(int week, Instant start, long expiring) {
    }

    private final DeviceInventory inventory;
    private final EntityManager entityManager;
    private final Clock clock;

    FleetOverview(DeviceInventory inventory, EntityManager entityManager, Clock clock) {
        this.inventory = inventory;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    @Transactional
    public Counts counts() {
        Map<CertificateHealth, Long> byHealth = new EnumMap<>(CertificateHealth.class);
        for (CertificateHealth health : CertificateHealth.values()) {
            byHealth.put(health, count(search(Optional.empty(), Optional.of(health))));
        }
        Map<DeviceState, Long> byState = new EnumMap<>(DeviceState.class);
        for (DeviceState state : DeviceState.values()) {
            byState.put(state, count(search(Optional.of(state), Optional.empty())));
        }
        return new Counts(byHealth, byState, count(search(Optional.empty(), Optional.empty())));
    }

    /**
     * One entry per week for the next {@value #TIMELINE_WEEKS} weeks, counted in the database (the
     * fleet may hold 100k devices).
     */
    @Transactional
    public List<ExpiryWeek> expiryTimeline() {
        Instant now = clock.instant();
        Instant end = now.plus(Duration.ofDays(7L * TIMELINE_WEEKS));
        List<Instant> notAfters = entityManager.createQuery(
                "select c.notAfter from Device d join d.currentCertificate c"
                        + " where c.status = :valid and c.notAfter > :now and c.notAfter <= :end", Instant.class)
                .setParameter("valid", CertificateStatus.VALID).setParameter("now", now).setParameter("end", end)
                .getResultList();
        long[] perWeek = new long[TIMELINE_WEEKS];
        long weekSeconds = Duration.ofDays(7).toSeconds();
        for (Instant notAfter : notAfters) {
            int week = (int) Math.min(TIMELINE_WEEKS - 1, Duration.between(now, notAfter).toSeconds() / weekSeconds);
            perWeek[week]++;
        }
        List<ExpiryWeek> weeks = new ArrayList<>(TIMELINE_WEEKS);
        for (int week = 0; week < TIMELINE_WEEKS; week++) {
            weeks.add(new ExpiryWeek(week + 1, now.plus(Duration.ofDays(7L * week)), perWeek[week]));
        }
        return weeks;
    }

    private long count(DeviceSearch search) {
        return inventory.search(search, 0, 1).total();
    }

    private static DeviceSearch search(Optional<DeviceState> state, Optional<CertificateHealth> health) {
        return new DeviceSearch(Optional.empty(), state, Optional.empty(), Optional.empty(), Optional.empty(), health,
                null, null, DeviceSort.DEFAULT);
    }
}
