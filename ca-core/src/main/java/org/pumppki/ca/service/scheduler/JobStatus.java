package org.pumppki.ca.service.scheduler;

import java.util.List;
import org.pumppki.ca.domain.SchedulerJob;
import org.pumppki.ca.store.JobRun;

/** A job as people see it: what it does, when it runs, and its latest runs (newest first). */
public record JobStatus(SchedulerJob job, String cron, List<JobRun> lastRuns) {
}
