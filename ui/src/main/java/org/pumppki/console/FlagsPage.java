package org.pumppki.console;

import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jboss.resteasy.reactive.RestForm;
import org.pumppki.ca.domain.FlagKind;
import org.pumppki.ca.domain.FlagSeverity;
import org.pumppki.ca.security.Role;
import org.pumppki.ca.service.PkiException;
import org.pumppki.ca.service.flag.FlagSummary;
import org.pumppki.ca.service.flag.Flags;
import org.pumppki.ca.store.FlagSearch;
import org.pumppki.ca.store.Page;

/** The flags queue: what the scheduler found, filtered by kind, severity and state; acknowledged with a comment. */
@Path("/console/flags")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Role.Names.ADMIN, Role.Names.BIOMED, Role.Names.AUDITOR})
public class FlagsPage {

    private static final int PAGE_SIZE = 100;
    private static final List<String> STATES = List.of("open", "resolved", "all");

    /** The filters as the person chose them, echoed back into the form. */
    public record Filter(String kind, String severity, String state) {
        public List<String> kinds() {
            return Arrays.stream(FlagKind.values()).map(FlagKind::label).toList();
        }

        public List<String> severities() {
            return Arrays.stream(FlagSeverity.values()).map(FlagSeverity::label).toList();
        }

        public List<String> states() {
            return STATES;
        }
    }

    private final Flags flags;
    private final Viewer viewer;

    FlagsPage(Flags flags, Viewer viewer) {
        this.flags = flags;
        this.viewer = viewer;
    }

    @GET
    public TemplateInstance list(@QueryParam("kind") String kind, @QueryParam("severity") String severity,
            @QueryParam("state") String state) {
        return page(new Filter(blankToNull(kind), blankToNull(severity), state != null && STATES.contains(state) ? state : "open"), null, null);
    }

    @POST
    @Path("{id}/acknowledge")
    @RolesAllowed({Role.Names.ADMIN, Role.Names.BIOMED})
    public Response acknowledge(@PathParam("id") long id, @RestForm String comment) {
        Filter filter = new Filter(null, null, "open");
        try {
            FlagSummary flag = flags.acknowledge(viewer.actor(), id, comment);
            return Response.ok(page(filter, null, "Flag " + flag.id() + " acknowledged.")).build();
        } catch (PkiException e) {
            return Response.status(ConsoleFailures.status(e)).entity(page(filter, e.getMessage(), null)).build();
        }
    }

    private TemplateInstance page(Filter filter, String error, String message) {
        FlagSearch search = new FlagSearch(
                Optional.ofNullable(filter.kind()).flatMap(FlagKind::fromLabel),
                Optional.ofNullable(filter.severity()).flatMap(FlagSeverity::fromLabel),
                Optional.of(filter.state()), Optional.empty(), Optional.empty(), Optional.empty());
        Page<FlagSummary> found = flags.search(search, 0, PAGE_SIZE);
        return Pages.flags(found, filter, error, message);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
