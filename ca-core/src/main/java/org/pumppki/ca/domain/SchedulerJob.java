package org.pumppki.ca.domain;

import java.util.Optional;

/**
 * The jobs of the renewal scheduler, each run once per tick across the cluster on the schedule
 * {@code pki.scheduler.<label>.cron} (Quartz cron syntax, seconds first).
 */
public enum SchedulerJob implements Labelled {
    EXPIRY_SCAN("expiry-scan", Defaults.EXPIRY_SCAN, "Device certificates inside the expiry windows, and expired ones"),
    SIGHTINGS_SCAN("sightings-scan", Defaults.SIGHTINGS_SCAN,
            "Revoked, expired and never-issued certificates still looked up over OCSP"),
    INVENTORY_SCAN("inventory-scan", Defaults.INVENTORY_SCAN,
            "Devices without a valid certificate or with several, certificates without a device, quarantined devices still seen"),
    INFRASTRUCTURE_SCAN("infrastructure-scan", Defaults.INFRASTRUCTURE_SCAN,
            "CA, OCSP responder, RADIUS server, pump server and PumpPKI's own certificates well before expiry"),
    CRL_FRESHNESS("crl-freshness", Defaults.CRL_FRESHNESS, "Published CRLs close to or past their nextUpdate"),
    NOTIFICATION_DELIVERY("notification-delivery", Defaults.NOTIFICATION_DELIVERY,
            "Sends due webhook and e-mail notifications, retrying failed ones"),
    NOTIFICATION_DIGEST("notification-digest", Defaults.NOTIFICATION_DIGEST, "The daily e-mail digest of open flags");

    /** Default schedules, shared by the configuration and the scheduled methods. */
    public static final class Defaults {
        public static final String EXPIRY_SCAN = "0 5 * * * ?";
        public static final String SIGHTINGS_SCAN = "0 */15 * * * ?";
        public static final String INVENTORY_SCAN = "0 20 2 * * ?";
        public static final String INFRASTRUCTURE_SCAN = "0 30 2 * * ?";
        public static final String CRL_FRESHNESS = "0 40 * * * ?";
        public static final String NOTIFICATION_DELIVERY = "30 * * * * ?";
        public static final String NOTIFICATION_DIGEST = "0 0 7 * * ?";

        private Defaults() {
        }
    }

    private final String label;
    private final String defaultCron;
    private final String description;

    SchedulerJob(String label, String defaultCron, String description) {
        this.label = label;
        this.defaultCron = defaultCron;
        this.description = description;
    }

    @Override
    public String label() {
        return label;
    }

    public String defaultCron() {
        return defaultCron;
    }

    public String description() {
        return description;
    }

    public static Optional<SchedulerJob> fromLabel(String label) {
        return Labelled.fromLabel(SchedulerJob.class, label);
    }
}
