package org.pumppki.scheduler;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.enterprise.context.ApplicationScoped;
import org.pumppki.ca.domain.SchedulerJob;
import org.pumppki.ca.service.scheduler.JobRunner;

/**
 * The scheduler's ticks. Quartz in clustered JDBC mode fires each tick on one replica only and
 * hands a stopped replica's triggers to the others; {@link JobRunner} records the run and refuses a
 * second one while a run is in progress.
 */
@ApplicationScoped
public class ClusterJobs {

    private static final String CRON = "${pki.scheduler.";

    private final JobRunner runner;

    ClusterJobs(JobRunner runner) {
        this.runner = runner;
    }

    @Scheduled(identity = "expiry-scan", cron = CRON + "expiry-scan.cron:" + SchedulerJob.Defaults.EXPIRY_SCAN + "}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void expiryScan(ScheduledExecution execution) {
        tick(SchedulerJob.EXPIRY_SCAN, execution);
    }

    @Scheduled(identity = "sightings-scan", cron = CRON + "sightings-scan.cron:" + SchedulerJob.Defaults.SIGHTINGS_SCAN + "}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sightingsScan(ScheduledExecution execution) {
        tick(SchedulerJob.SIGHTINGS_SCAN, execution);
    }

    @Scheduled(identity = "inventory-scan", cron = CRON + "inventory-scan.cron:" + SchedulerJob.Defaults.INVENTORY_SCAN + "}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void inventoryScan(ScheduledExecution execution) {
        tick(SchedulerJob.INVENTORY_SCAN, execution);
    }

    @Scheduled(identity = "infrastructure-scan",
            cron = CRON + "infrastructure-scan.cron:" + SchedulerJob.Defaults.INFRASTRUCTURE_SCAN + "}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void infrastructureScan(ScheduledExecution execution) {
        tick(SchedulerJob.INFRASTRUCTURE_SCAN, execution);
    }

    @Scheduled(identity = "crl-freshness", cron = CRON + "crl-freshness.cron:" + SchedulerJob.Defaults.CRL_FRESHNESS + "}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void crlFreshness(ScheduledExecution execution) {
        tick(SchedulerJob.CRL_FRESHNESS, execution);
    }

    @Scheduled(identity = "notification-delivery",
            cron = CRON + "notification-delivery.cron:" + SchedulerJob.Defaults.NOTIFICATION_DELIVERY + "}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void notificationDelivery(ScheduledExecution execution) {
        tick(SchedulerJob.NOTIFICATION_DELIVERY, execution);
    }

    @Scheduled(identity = "notification-digest",
            cron = CRON + "notification-digest.cron:" + SchedulerJob.Defaults.NOTIFICATION_DIGEST + "}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void notificationDigest(ScheduledExecution execution) {
        tick(SchedulerJob.NOTIFICATION_DIGEST, execution);
    }

    private void tick(SchedulerJob job, ScheduledExecution execution) {
        runner.runScheduled(job, execution.getScheduledFireTime());
    }
}
