package org.pumppki.ca.service.scheduler;

import java.time.Instant;
import org.pumppki.ca.domain.SchedulerJob;

/**
 * A job of the renewal scheduler. The scheduler module implements one per {@link SchedulerJob};
 * {@link JobRunner} runs it, on schedule or on request, and records the run.
 */
public interface ScheduledJob {

    SchedulerJob job();

    /**
     * Does the work. Manages its own transactions (scans commit batch by batch).
     *
     * @param startedAt the instant the run started, from the application's clock: flags seen in
     *     this run carry it as last seen
     */
    JobResult run(Instant startedAt);
}
