package org.pumppki.console;

import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.pumppki.ca.domain.SchedulerJob;
import org.pumppki.ca.security.Role;
import org.pumppki.ca.service.PkiException;
import org.pumppki.ca.store.JobRun;
import org.pumppki.ca.service.scheduler.JobRunner;

/** The scheduler's jobs with their schedules and last runs; admins run one now. */
@Path("/console/scheduler")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Role.Names.ADMIN, Role.Names.AUDITOR})
public class SchedulerPage {

    private final JobRunner runner;
    private final Viewer viewer;

    SchedulerPage(JobRunner runner, Viewer viewer) {
        this.runner = runner;
        this.viewer = viewer;
    }

    @GET
    public TemplateInstance list() {
        return Pages.scheduler(runner.statuses(), null, null);
    }

    @POST
    @Path("{job}/run")
    @RolesAllowed(Role.Names.ADMIN)
    public Response run(@PathParam("job") String job) {
        try {
            SchedulerJob named = SchedulerJob.fromLabel(job)
                    .orElseThrow(() -> PkiException.notFound("job-not-found", "No job " + job + "."));
            JobRun run = runner.runNow(viewer.actor(), named);
            return Response.ok(Pages.scheduler(runner.statuses(), null, named.label() + " ran: " + run.outcome
                    + ", " + run.examined + " examined, " + run.raised + " raised, " + run.resolved + " resolved.")).build();
        } catch (PkiException e) {
            return Response.status(ConsoleFailures.status(e)).entity(Pages.scheduler(runner.statuses(), e.getMessage(), null))
                    .build();
        }
    }
}
