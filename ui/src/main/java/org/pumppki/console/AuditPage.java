package org.pumppki.console;

import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.pumppki.ca.security.Role;
import org.pumppki.ca.service.PkiException;
import org.pumppki.ca.service.audit.AuditAction;
import org.pumppki.ca.service.audit.AuditQueries;
import org.pumppki.ca.service.audit.AuditVerification;
import org.pumppki.ca.service.device.DeviceFilter;
import org.pumppki.ca.store.AuditSearch;

/** The audit log, filtered and paged, with the result of verifying its hash chain. */
@Path("/console/audit")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Role.Names.ADMIN, Role.Names.AUDITOR})
public class AuditPage {

    static final int PAGE_SIZE = 50;

    private final AuditQueries queries;
    private final AuditVerification verification;

    AuditPage(AuditQueries queries, AuditVerification verification) {
        this.queries = queries;
        this.verification = verification;
    }

    @GET
    public TemplateInstance list(@QueryParam("actor") String actor, @QueryParam("action") String action,
            @QueryParam("targetType") String targetType, @QueryParam("targetId") String targetId,
            @QueryParam("page") @DefaultValue("0") int page) {
        DeviceFilter.parse("action", action, AuditAction::fromLabel, "an action label such as device.registered");
        AuditSearch search = new AuditSearch(DeviceFilter.present(actor), DeviceFilter.present(action),
                DeviceFilter.present(targetType), DeviceFilter.present(targetId), Optional.empty(), Optional.empty());
        return Pages.audit(new AuditListView(queries.search(search, Math.max(0, page), PAGE_SIZE), actor, action,
                targetType, targetId), verification.verify());
    }

    @ServerExceptionMapper
    public Response refused(PkiException e) {
        return ConsoleFailures.page(e, "/console/audit");
    }
}
