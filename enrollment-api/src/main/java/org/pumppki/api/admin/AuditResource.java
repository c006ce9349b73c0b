package org.pumppki.api.admin;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.pumppki.ca.service.audit.AuditCheckpointExport;
import org.pumppki.ca.service.audit.AuditCheckpoints;
import org.pumppki.ca.store.AuditCheckpoint;
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

    /**
     * The result of walking the hash chain and checking the last checkpoint; {@code intact} only if
     * both hold. {@code reason} explains the first problem found.
     */
    public record VerificationView(boolean intact, long eventsChecked, Long firstBrokenEventId, String reason,
            CheckpointCheckView lastCheckpoint) {
    }

    /** The last checkpoint and whether the log still reaches it. */
    public record CheckpointCheckView(long id, long eventId, long eventCount, Instant createdAt, boolean reached,
            String reason) {
        static CheckpointCheckView of(AuditVerification.CheckpointCheck check) {
            return new CheckpointCheckView(check.checkpointId(), check.eventId(), check.eventCount(), check.createdAt(),
                    check.reached(), check.problem().orElse(null));
        }
    }

    /** A signed checkpoint of the chain head; its CMS is at {@code /api/v1/audit/checkpoints/{id}}. */
    public record CheckpointView(long id, long eventId, String eventHash, long eventCount, Instant createdAt) {
        static CheckpointView of(AuditCheckpoint checkpoint) {
            return new CheckpointView(checkpoint.id, checkpoint.eventId, checkpoint.eventHash, checkpoint.eventCount,
                    checkpoint.createdAt);
        }
    }

    /** RFC 8551; what {@code openssl cms -verify -inform DER} reads. */
    static final String CMS = "application/pkcs7-mime";

    private final AuditQueries queries;
    private final AuditVerification verification;
    private final AuditCheckpoints checkpoints;
    private final Callers callers;

    AuditResource(AuditQueries queries, AuditVerification verification, AuditCheckpoints checkpoints, Callers callers) {
        this.queries = queries;
        this.verification = verification;
        this.checkpoints = checkpoints;
        this.callers = callers;
    }

    @GET
    @Operation(summary = "List audit events", description = "Newest first.")
    public ListPage<AuditEventView> list(
            @QueryParam("actor") String actor,
            @QueryParam("action") @Parameter(description = "e.g. certificate.revoked") String action,
            @QueryParam("targetType") @Parameter(description = "user, device, certificate, ca or audit-log") String targetType,
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
    @Operation(summary = "Verify the audit log", description = "Reports the first broken link of the hash chain, "
            + "if any, and whether the log still reaches the last signed checkpoint (deleted newest events).")
    public VerificationView verify() {
        AuditVerification.Report report = verification.verify();
        Optional<String> checkpointProblem = report.lastCheckpoint().flatMap(AuditVerification.CheckpointCheck::problem);
        return new VerificationView(report.intact(), report.eventsChecked(),
                report.firstBrokenLink().map(AuditVerification.BrokenLink::eventId).orElse(null),
                report.firstBrokenLink().map(AuditVerification.BrokenLink::reason).or(() -> checkpointProblem).orElse(null),
                report.lastCheckpoint().map(CheckpointCheckView::of).orElse(null));
    }

    @POST
    @Path("checkpoints")
    @RolesAllowed(Role.Names.ADMIN)
    @Operation(summary = "Checkpoint the audit log now", description = "Signs the chain head; if it is checkpointed "
            + "already, answers that checkpoint with 200 and changes nothing.")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "200", description = "The head was checkpointed already")
    public Response checkpoint(@Context UriInfo uri) {
        AuditCheckpoints.Taken taken = checkpoints.take(callers.current());
        CheckpointView view = CheckpointView.of(taken.checkpoint());
        if (!taken.created()) {
            return Response.ok(view).build();
        }
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(view.id())).build())
                .entity(view).build();
    }

    @GET
    @Path("checkpoints")
    @Operation(summary = "List audit checkpoints", description = "Newest first.")
    public ListPage<CheckpointView> checkpoints(@QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("50") int size) {
        ListParameters.checkPage(page, size);
        return ListPage.of(checkpoints.list(page, size).map(CheckpointView::of));
    }

    @GET
    @Path("checkpoints/{id}")
    @Produces(CMS)
    @Operation(summary = "A checkpoint's CMS SignedData (DER)",
            description = "Verify offline: openssl cms -verify -inform DER -in checkpoint.p7m -CAfile root.pem -purpose any")
    public Response checkpointCms(@PathParam("id") long id) {
        AuditCheckpoint checkpoint = checkpoints.get(id);
        return Response.ok(checkpoint.cms, CMS)
                .header("Content-Disposition", "attachment; filename=\"" + AuditCheckpointExport.fileName(id) + "\"")
                .build();
    }
}
