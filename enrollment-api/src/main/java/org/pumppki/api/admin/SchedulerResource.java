package org.pumppki.api.admin;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.pumppki.ca.domain.SchedulerJob;
import org.pumppki.ca.security.Role;
import org.pumppki.ca.service.PkiException;
import org.pumppki.ca.service.scheduler.JobRunner;
import org.pumppki.ca.service.scheduler.JobStatus;
import org.pumppki.ca.store.JobRun;

/** The renewal scheduler's jobs: their schedules and latest runs, and running one now. */
@Path("/api/v1/scheduler/jobs")
@Tag(name = "Scheduler", description = "Scans, notifications and their runs")
@Produces(MediaType.APPLICATION_JSON)
public class SchedulerResource {

    /** One run of a job, on whichever replica ran it. */
    public record RunView(long id, String node, String trigger, String requestedBy, Instant scheduledAt,
            Instant startedAt, Instant finishedAt, Long durationMs, String outcome, long examined, int raised,
            int resolved, String message) {
        static RunView of(JobRun run) {
            return new RunView(run.id, run.node, run.trigger, run.requestedBy, run.scheduledAt, run.startedAt,
                    run.finishedAt, run.durationMs, run.outcome, run.examined, run.raised, run.resolved, run.message);
        }
    }

    /** A job with its schedule and latest runs, newest first. */
    public record JobView(String job, String description, String cron, List<RunView> lastRuns) {
        static JobView of(JobStatus status) {
            return new JobView(status.job().label(), status.job().description(), status.cron(),
                    status.lastRuns().stream().map(RunView::of).toList());
        }
    }

    private final JobRunner runner;
    private final Callers callers;

    SchedulerResource(JobRunner runner, Callers callers) {
        this.runner = runner;
        this.callers = callers;
    }

    @GET
    @RolesAllowed({Role.Names.ADMIN, Role.Names.AUDITOR})
    @Operation(summary = "List the scheduler's jobs", description = "Each with its cron schedule and its latest runs "
            + "(start, duration, outcome, records examined, flags raised and resolved).")
    public List<JobView> list() {
        return runner.statuses().stream().map(JobView::of).toList();
    }

    @POST
    @Path("{job}/run")
    @RolesAllowed(Role.Names.ADMIN)
    @Operation(summary = "Run a job now", description = "Runs on the replica that received the request and answers "
            + "when the run has ended. Audited.")
    @APIResponse(responseCode = "200", description = "The run, ended")
    @APIResponse(responseCode = "404", description = "No such job")
    @APIResponse(responseCode = "409", description = "The job is running now")
    public RunView run(@PathParam("job") String job) {
        SchedulerJob named = SchedulerJob.fromLabel(job).orElseThrow(() -> PkiException.notFound("job-not-found",
                "No job " + job + "; the jobs are: " + String.join(", ",
                        java.util.Arrays.stream(SchedulerJob.values()).map(SchedulerJob::label).toList()) + "."));
        return RunView.of(runner.runNow(callers.current(), named));
    }
}
