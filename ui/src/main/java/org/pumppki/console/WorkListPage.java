package org.pumppki.console;

import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.pumppki.ca.security.Role;
import org.pumppki.ca.service.CsvDownload;
import org.pumppki.ca.service.flag.RenewalWorkList;

/** The biomeds' renewal work list: hand-loaded devices due for a new certificate, soonest first, also as CSV. */
@Path("/console/work-list")
@RolesAllowed({Role.Names.ADMIN, Role.Names.BIOMED, Role.Names.AUDITOR})
public class WorkListPage {

    private final RenewalWorkList workList;

    WorkListPage(RenewalWorkList workList) {
        this.workList = workList;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance list() {
        return Pages.workList(workList.items());
    }

    @GET
    @Path("csv")
    @Produces("text/csv")
    public Response csv() {
        CsvDownload csv = workList.csv();
        return Response.ok((StreamingOutput) csv::writeTo, "text/csv")
                .header("Content-Disposition", csv.contentDisposition()).build();
    }
}
