package org.pumppki.console;

import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;
import org.pumppki.ca.security.Role;
import org.pumppki.ca.service.audit.AuditQueries;
import org.pumppki.ca.service.device.FleetOverview;
import org.pumppki.ca.store.AuditSearch;

/** The fleet at a glance: devices by certificate health and state, the expiry timeline and recent activity. */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Role.Names.ADMIN, Role.Names.BIOMED, Role.Names.AUDITOR})
public class DashboardPage {

    static final int RECENT_EVENTS = 10;

    private final FleetOverview overview;
    private final AuditQueries audit;
    private final Viewer viewer;

    DashboardPage(FleetOverview overview, AuditQueries audit, Viewer viewer) {
        this.overview = overview;
        this.audit = audit;
        this.viewer = viewer;
    }

    @GET
    public TemplateInstance dashboard() {
        // Those who may not read the audit log see what happened to devices only.
        Optional<String> targetType = viewer.isAuditReader() ? Optional.empty() : Optional.of("device");
        AuditSearch recent = new AuditSearch(Optional.empty(), Optional.empty(), targetType, Optional.empty(),
                Optional.empty(), Optional.empty());
        return Pages.dashboard(overview.counts(), ExpiryChart.of(overview.expiryTimeline()),
                audit.search(recent, 0, RECENT_EVENTS).items());
    }
}
