package org.pumppki.api.admin;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.pumppki.ca.security.Role;
import org.pumppki.ca.service.audit.AuditAction;
import org.pumppki.ca.service.audit.AuditQueries;
import org.pumppki.ca.service.audit.AuditVerification;
import org.pumppki.ca.store.AuditEvent;
import org.pumppki.ca.store.AuditSearch;

/** The audit log: who did what to which device, certificate or CA, when and from where. */
@Path("/api/v1/audit")
@Tag(name = "Audit")
@RolesAllowed({Role.Names.ADMIN, Role.Names.AUDITOR})
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    /** One audit event. */
    public record AuditEventView(long id, Instant occurredAt, String actor, String actorRoles, String sourceAddress,
            String action, String targetType, String targetId, String outcome, String details, String hash) {
        static AuditEventView of(AuditEvent e) {
            return new AuditEventView(e.id, e.occurredAt, e.actor, e.actorRoles, e.sourceAddress, e.action,
                    e.targetType, e.targetId, e.outcome, e.details, e.hash);
        }
    }

    /** The result of walking the hash chain. */
    public record VerificationView(boolean intact, long eventsChecked, Long firstBrokenEventId, String reason) {
    }

    private final AuditQueries queries;
    private final AuditVerification verification;

    AuditResource(AuditQueries queries, AuditVerification verification) {
        this.queries = queries;
        this.verification = verification;
    }

    @GET
    @Operation(summary = "List audit events", description = "Newest first.")
    public ListPage<AuditEventView> list(
            @QueryParam("actor") String actor,
            @QueryParam("action") @Parameter(description = "e.g. certificate.revoked") String action,
            @QueryParam("targetType") @Parameter(description = "user, device, certificate or ca") String targetType,
            @QueryParam("targetId") String targetId,
            @QueryParam("from") @Parameter(description = "ISO-8601 instant, inclusive") String from,
            @QueryParam("to") @Parameter(description = "ISO-8601 instant, exclusive") String to,
            @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("50") int size) {
        ListParameters.checkPage(page, size);
        if (action != null && !action.isBlank()) {
            ListParameters.parse("action", action, AuditAction::fromLabel, "an action label such as device.registered");
        }
        AuditSearch search = new AuditSearch(ListParameters.present(actor), ListParameters.present(action),
                ListParameters.present(targetType), ListParameters.present(targetId),
                ListParameters.instant("from", from), ListParameters.instant("to", to));
        return ListPage.of(queries.search(search, page, size).map(AuditEventView::of));
    }

    @GET
    @Path("verify")
    @Operation(summary = "Verify the audit log's hash chain", description = "Reports the first broken link, if any.")
    public VerificationView verify() {
        AuditVerification.Report report = verification.verify();
        return new VerificationView(report.intact(), report.eventsChecked(),
                report.firstBrokenLink().map(AuditVerification.BrokenLink::eventId).orElse(null),
                report.firstBrokenLink().map(AuditVerification.BrokenLink::reason).orElse(null));
    }
}
