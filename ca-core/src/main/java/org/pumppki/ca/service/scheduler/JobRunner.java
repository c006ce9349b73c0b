package org.pumppki.ca.service.scheduler;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.pumppki.ca.config.PkiConfig;
import org.pumppki.ca.domain.SchedulerJob;
import org.pumppki.ca.service.Actor;
import org.pumppki.ca.service.PkiException;
import org.pumppki.ca.service.ScheduledWork;
import org.pumppki.ca.service.audit.AuditAction;
import org.pumppki.ca.service.audit.AuditLog;
import org.pumppki.ca.store.JobRun;
import org.pumppki.ca.store.JobRunRepository;

/**
 * Runs scheduler jobs and records every run in {@code scheduler_job_run}: on schedule (Quartz
 * fires each tick on one replica) or on an administrator's request. A job runs at most once at a
 * time across the cluster: the run's row is the lock, and a second start while one runs is
 * refused. Runs go through {@link ScheduledWork}, so that none starts once the application stops.
 */
@ApplicationScoped
public class JobRunner {

    private static final Logger LOG = Logger.getLogger(JobRunner.class);
    private static final Actor SCHEDULER = Actor.system("scheduler");
    private static final int SHOWN_RUNS = 5;

    private final Map<SchedulerJob, ScheduledJob> jobs = new EnumMap<>(SchedulerJob.class);
    private final JobRunRepository runs;
    private final AuditLog auditLog;
    private final Clock clock;
    private final ScheduledWork work;
    private final PkiConfig.Scheduler config;
    private final Event<JobRunFinished> finished;
    private final String node;

    JobRunner(Instance<ScheduledJob> implementations, JobRunRepository runs, AuditLog auditLog, Clock clock,
            ScheduledWork work, PkiConfig config, Event<JobRunFinished> finished) {
        implementations.forEach(job -> jobs.put(job.job(), job));
        this.runs = runs;
        this.auditLog = auditLog;
        this.clock = clock;
        this.work = work;
        this.config = config.scheduler();
        this.finished = finished;
        this.node = nodeName();
    }

    /**
     * Runs the job for the tick Quartz fired at {@code scheduledAt}, unless the application is
     * stopping or the job is already running somewhere.
     */
    public void runScheduled(SchedulerJob job, Instant scheduledAt) {
        work.run(() -> start(job, "schedule", null, scheduledAt).ifPresent(run -> execute(job, run)));
    }

    /** Runs the job now, for an administrator; the request is audited. */
    public JobRun runNow(Actor actor, SchedulerJob job) {
        JobRun run = start(job, "manual", actor, null).orElseThrow(() -> PkiException.conflict("job-running",
                "The " + job.label() + " job is running now; its run appears in the job list when it ends."));
        return execute(job, run);
    }

    /** Every job with its schedule and latest runs. */
    public List<JobStatus> statuses() {
        return QuarkusTransaction.requiringNew().call(() -> Arrays.stream(SchedulerJob.values())
                .map(job -> new JobStatus(job, config.cron(job), runs.latest(job, SHOWN_RUNS))).toList());
    }

    private Optional<JobRun> start(SchedulerJob job, String trigger, Actor requestedBy, Instant scheduledAt) {
        if (!jobs.containsKey(job)) {
            throw new IllegalStateException("No implementation of the " + job.label() + " job");
        }
        try {
            return Optional.of(QuarkusTransaction.requiringNew().call(() -> {
                Instant now = clock.instant();
                int abandoned = runs.abandonStale(job, now.minus(config.staleRunAfter()), now);
                if (abandoned > 0) {
                    LOG.warnf("A run of %s had no recorded end after %s; marked abandoned", job.label(), config.staleRunAfter());
                }
                JobRun run = new JobRun();
                run.job = job;
                run.node = node;
                run.trigger = trigger;
                run.requestedBy = requestedBy == null ? null : requestedBy.name();
                run.scheduledAt = scheduledAt;
                run.startedAt = now;
                run.outcome = JobRun.Outcome.RUNNING.label();
                runs.persist(run);
                runs.flush();
                if (requestedBy != null) {
                    auditLog.record(requestedBy, AuditAction.SCHEDULER_JOB_REQUESTED, job.label(), Map.of("run", run.id));
                }
                return run;
            }));
        } catch (RuntimeException e) {
            if (!alreadyRunning(e)) {
                throw e;
            }
            LOG.debugf("%s is already running; this start is skipped", job.label());
            return Optional.empty();
        }
    }

    private JobRun execute(SchedulerJob job, JobRun run) {
        long started = System.nanoTime();
        JobResult result;
        String failure = null;
        try {
            result = jobs.get(job).run(run.startedAt);
        } catch (RuntimeException e) {
            LOG.errorf(e, "The %s job failed", job.label());
            result = JobResult.of(0, 0, 0);
            failure = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        Duration duration = Duration.ofNanos(System.nanoTime() - started);
        JobResult outcome = result;
        String error = failure;
        JobRun ended = QuarkusTransaction.requiringNew().call(() -> finish(run.id, outcome, error, duration));
        finished.fire(new JobRunFinished(job, error == null, duration));
        return ended;
    }

    private JobRun finish(long id, JobResult result, String failure, Duration duration) {
        JobRun run = runs.findById(id);
        run.finishedAt = clock.instant();
        run.durationMs = duration.toMillis();
        run.outcome = (failure == null ? JobRun.Outcome.SUCCEEDED : JobRun.Outcome.FAILED).label();
        run.examined = result.examined();
        run.raised = result.raised();
        run.resolved = result.resolved();
        run.message = failure != null ? failure : result.message();
        if (result.raised() > 0 || result.resolved() > 0) {
            auditLog.record(SCHEDULER, AuditAction.FLAGS_UPDATED, run.job.label(),
                    Map.of("run", run.id, "raised", result.raised(), "resolved", result.resolved()));
        }
        return run;
    }

    /** Whether the one-running-run index refused the start: another replica or request runs the job. */
    private static boolean alreadyRunning(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof org.hibernate.exception.ConstraintViolationException violation
                    && "uq_job_run_running".equals(violation.getConstraintName())) {
                return true;
            }
        }
        return false;
    }

    private static String nodeName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        String name = host + "/" + ProcessHandle.current().pid();
        return name.length() > 128 ? name.substring(0, 128) : name;
    }
}
