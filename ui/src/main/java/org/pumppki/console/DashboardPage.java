package org.pumppki.console;

import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.pumppki.ca.domain.FlagSeverity;
import org.pumppki.ca.security.Role;
import org.pumppki.ca.service.audit.AuditQueries;
import org.pumppki.ca.service.device.FleetOverview;
import org.pumppki.ca.service.flag.Flags;
import org.pumppki.ca.store.AuditSearch;
import org.pumppki.ca.store.FlagSearch;

/** The fleet at a glance: devices by certificate health and state, the expiry timeline and recent activity. */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Role.Names.ADMIN, Role.Names.BIOMED, Role.Names.AUDITOR})
public class DashboardPage {

    static final int RECENT_EVENTS = 10;

    /** How many flags of one severity are open. */
    public record OpenFlags(String severity, long count) {
    }

    private final FleetOverview overview;
    private final AuditQueries audit;
    private final Flags flags;
    private final Viewer viewer;

    DashboardPage(FleetOverview overview, AuditQueries audit, Flags flags, Viewer viewer) {
        this.overview = overview;
        this.audit = audit;
        this.flags = flags;
        this.viewer = viewer;
    }

    @GET
    public TemplateInstance dashboard() {
        // Those who may not read the audit log see what happened to devices only.
        Optional<String> targetType = viewer.isAuditReader() ? Optional.empty() : Optional.of("device");
        AuditSearch recent = new AuditSearch(Optional.empty(), Optional.empty(), targetType, Optional.empty(),
                Optional.empty(), Optional.empty());
        return Pages.dashboard(overview.counts(), openFlags(), ExpiryChart.of(overview.expiryTimeline()),
                audit.search(recent, 0, RECENT_EVENTS).items());
    }

    /** Open flags by severity, the most urgent first. */
    private List<OpenFlags> openFlags() {
        List<FlagSeverity> severities = new ArrayList<>(Arrays.asList(FlagSeverity.values()));
        Collections.reverse(severities);
        return severities.stream().map(severity -> new OpenFlags(severity.label(), flags.search(new FlagSearch(
                Optional.empty(), Optional.of(severity), Optional.of("open"), Optional.empty(), Optional.empty(),
                Optional.empty()), 0, 1).total())).toList();
    }
}
