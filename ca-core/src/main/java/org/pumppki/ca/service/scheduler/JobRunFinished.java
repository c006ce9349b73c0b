package org.pumppki.ca.service.scheduler;

import java.time.Duration;
import org.pumppki.ca.domain.SchedulerJob;

/** Fired when a job run ends, for metrics. */
public record JobRunFinished(SchedulerJob job, boolean succeeded, Duration duration) {
}
