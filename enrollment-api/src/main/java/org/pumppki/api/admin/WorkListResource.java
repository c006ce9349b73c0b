package org.pumppki.api.admin;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.pumppki.ca.security.Role;
import org.pumppki.ca.service.CsvDownload;
import org.pumppki.ca.service.flag.RenewalWorkList;

/** The biomeds' renewal work list: devices whose certificates are loaded by hand and expire soon. */
@Path("/api/v1/work-list")
@Tag(name = "Flags")
public class WorkListResource {

    private final RenewalWorkList workList;

    WorkListResource(RenewalWorkList workList) {
        this.workList = workList;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, DeviceResource.CSV})
    @RolesAllowed({Role.Names.ADMIN, Role.Names.BIOMED, Role.Names.AUDITOR})
    @Operation(summary = "Renewal work list", description = "Devices that do not renew over EST and whose certificate "
            + "expires inside a warning window or has expired: device, location, due date and what to do, soonest first. "
            + "Devices that renew themselves over EST appear only as flags (with their renewal window). The whole "
            + "list in one page.")
    public Response list(@QueryParam("format") @DefaultValue("json") @Parameter(description = "json or csv") String format) {
        if ("csv".equals(format)) {
            CsvDownload csv = workList.csv();
            return Response.ok((StreamingOutput) csv::writeTo, DeviceResource.CSV)
                    .header("Content-Disposition", csv.contentDisposition()).build();
        }
        ListParameters.checkFormat(format);
        List<RenewalWorkList.Item> items = workList.items();
        return Response.ok(new ListPage<>(items, items.size(), 0, items.size()), MediaType.APPLICATION_JSON).build();
    }
}
