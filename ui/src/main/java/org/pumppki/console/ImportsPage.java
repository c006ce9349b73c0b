package org.pumppki.console;

import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.pumppki.ca.security.Role;
import org.pumppki.ca.service.device.DeviceImport;

/** Bulk registration from a CSV file: upload, a progress bar while it runs, then the row-by-row report. */
@Path("/console/imports")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Role.Names.ADMIN, Role.Names.BIOMED})
public class ImportsPage {

    private final ImportJobs jobs;
    private final Viewer viewer;

    ImportsPage(ImportJobs jobs, Viewer viewer) {
        this.jobs = jobs;
        this.viewer = viewer;
    }

    @GET
    public TemplateInstance form() {
        return Pages.importForm(null);
    }

    @POST
    public Response start(@RestForm("file") FileUpload file, @RestForm String mode) throws IOException {
        if (file == null || file.size() == 0) {
            return Response.status(Response.Status.BAD_REQUEST).entity(Pages.importForm("Choose a CSV file to import.")).build();
        }
        DeviceImport.Mode importMode = "all-or-nothing".equals(mode) ? DeviceImport.Mode.ALL_OR_NOTHING : DeviceImport.Mode.PARTIAL;
        String csv = Files.readString(file.uploadedFile(), StandardCharsets.UTF_8);
        ImportJobs.Job job = jobs.start(viewer.actor(), file.fileName(), csv, importMode);
        return Response.seeOther(URI.create("/console/imports/" + job.getId())).build();
    }

    @GET
    @Path("{id}")
    public TemplateInstance job(@PathParam("id") UUID id) {
        return Pages.importJob(find(id));
    }

    /** The progress fragment htmx polls while the job runs; the whole page works without it too. */
    @GET
    @Path("{id}/progress")
    public TemplateInstance progress(@PathParam("id") UUID id) {
        return Pages.importJob$progress(find(id));
    }

    private ImportJobs.Job find(UUID id) {
        return jobs.find(id, viewer.getName()).orElseThrow(() -> new NotFoundException("No such import"));
    }
}
