package org.pumppki.ca.store;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.pumppki.ca.domain.SchedulerJob;

/** One run of a scheduler job on one replica; at most one per job is {@code running} at a time. */
@Entity
@Table(name = "scheduler_job_run")
public class JobRun {

    /** How a run ended, or that it has not yet. */
    public enum Outcome {
        RUNNING, SUCCEEDED, FAILED, ABANDONED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, length = 40)
    @Convert(converter = LabelConverters.SchedulerJobConverter.class)
    public SchedulerJob job;

    /** The replica that ran it: host name and process id. */
    @Column(nullable = false, length = 128)
    public String node;

    /** {@code schedule} or {@code manual}. */
    @Column(name = "run_trigger", nullable = false, length = 16)
    public String trigger;

    @Column(name = "requested_by", length = 128)
    public String requestedBy;

    /** The tick this run belongs to (Quartz's scheduled fire time); null for manual runs. */
    @Column(name = "scheduled_at")
    public Instant scheduledAt;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    @Column(name = "duration_ms")
    public Long durationMs;

    @Column(nullable = false, length = 16)
    public String outcome;

    @Column(nullable = false)
    public long examined;

    @Column(nullable = false)
    public int raised;

    @Column(nullable = false)
    public int resolved;

    @Column(columnDefinition = "text")
    public String message;
}
