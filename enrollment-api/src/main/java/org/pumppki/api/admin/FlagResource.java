package org.pumppki.api.admin;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.pumppki.ca.domain.FlagKind;
import org.pumppki.ca.domain.FlagSeverity;
import org.pumppki.ca.security.Role;
import org.pumppki.ca.service.flag.FlagSummary;
import org.pumppki.ca.service.flag.Flags;
import org.pumppki.ca.store.FlagSearch;

/** The flags the scheduler raises: expiring, expired and revoked credentials still in use, inventory gaps. */
@Path("/api/v1/flags")
@Tag(name = "Flags", description = "Work the scheduler found for people")
@Produces(MediaType.APPLICATION_JSON)
public class FlagResource {

    /** What a person says when acknowledging a flag. */
    public record Acknowledgement(String comment) {
    }

    private final Flags flags;
    private final Callers callers;

    FlagResource(Flags flags, Callers callers) {
        this.flags = flags;
        this.callers = callers;
    }

    @GET
    @RolesAllowed({Role.Names.ADMIN, Role.Names.BIOMED, Role.Names.AUDITOR})
    @Operation(summary = "List flags", description = "Newest first; open flags unless state says otherwise. Filters combine with AND.")
    public ListPage<FlagSummary> list(
            @QueryParam("kind") @Parameter(description = "e.g. expiring, expired, revoked-still-seen") String kind,
            @QueryParam("severity") @Parameter(description = "info, warning or critical") String severity,
            @QueryParam("state") @Parameter(description = "open (default), resolved or all") String state,
            @QueryParam("acknowledged") @Parameter(description = "true or false") String acknowledged,
            @QueryParam("deviceId") String deviceId,
            @QueryParam("serial") @Parameter(description = "Certificate serial, lower-case hexadecimal") String serial,
            @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("50") int size) {
        ListParameters.checkPage(page, size);
        FlagSearch search = new FlagSearch(
                ListParameters.parse("kind", kind, FlagKind::fromLabel, labels(FlagKind.values())),
                ListParameters.parse("severity", severity, FlagSeverity::fromLabel, "info, warning, critical"),
                ListParameters.parse("state", state, ListParameters.oneOf("open", "resolved", "all"), "open, resolved, all"),
                ListParameters.parse("acknowledged", acknowledged,
                        value -> ListParameters.oneOf("true", "false").apply(value).map(Boolean::parseBoolean), "true, false"),
                ListParameters.parse("deviceId", deviceId, FlagResource::uuid, "a device id (UUID)"),
                ListParameters.present(serial).map(s -> s.toLowerCase(java.util.Locale.ROOT)));
        return ListPage.of(flags.search(search, page, size));
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Role.Names.ADMIN, Role.Names.BIOMED, Role.Names.AUDITOR})
    @Operation(summary = "Get a flag")
    @APIResponse(responseCode = "404", description = "No such flag")
    public FlagSummary get(@PathParam("id") long id) {
        return flags.get(id);
    }

    @POST
    @Path("{id}/acknowledge")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.Names.ADMIN, Role.Names.BIOMED})
    @Operation(summary = "Acknowledge a flag", description = "Says what is being done about it (audited). The flag "
            + "stays open until a scan no longer finds its condition; acknowledged flags are left out of notifications.")
    @APIResponse(responseCode = "400", description = "No comment, or one longer than 2000 characters")
    @APIResponse(responseCode = "404", description = "No such flag")
    @APIResponse(responseCode = "409", description = "The flag is already resolved")
    public FlagSummary acknowledge(@PathParam("id") long id, Acknowledgement body) {
        return flags.acknowledge(callers.current(), id, RequestBodies.required(body).comment());
    }

    private static Optional<UUID> uuid(String value) {
        try {
            return Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String labels(FlagKind[] kinds) {
        return String.join(", ", java.util.Arrays.stream(kinds).map(FlagKind::label).toList());
    }
}
