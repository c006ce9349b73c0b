package org.pumppki.console;

import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.pumppki.ca.config.PkiConfig;
import org.pumppki.ca.security.Role;
import org.pumppki.ca.service.PkiException;
import org.pumppki.ca.service.device.CredentialHealth;
import org.pumppki.ca.service.device.DeviceCsv;
import org.pumppki.ca.service.device.DeviceFilter;
import org.pumppki.ca.service.device.DeviceInventory;
import org.pumppki.ca.store.Device;
import org.pumppki.ca.store.DeviceSearch;

/**
 * The device list: searched, filtered and paged by the same query as the REST API's list, exported
 * as CSV with the current filter; and registering a device.
 */
@Path("/console/devices")
@Produces(MediaType.TEXT_HTML)
public class DevicesPage {

    static final int MAX_PAGE_SIZE = 200;

    private final DeviceInventory inventory;
    private final Viewer viewer;
    private final Clock clock;
    private final Duration warningWindow;

    DevicesPage(DeviceInventory inventory, Viewer viewer, Clock clock, PkiConfig config) {
        this.inventory = inventory;
        this.viewer = viewer;
        this.clock = clock;
        this.warningWindow = config.renewal().expiringWithin();
    }

    @GET
    @Transactional
    @RolesAllowed({Role.Names.ADMIN, Role.Names.BIOMED, Role.Names.AUDITOR})
    public TemplateInstance list(@QueryParam("q") String q, @QueryParam("kind") String kind,
            @QueryParam("state") String state, @QueryParam("certificateStatus") String certificateStatus,
            @QueryParam("model") String model, @QueryParam("location") String location,
            @QueryParam("sort") String sort, @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("25") int size) {
        DeviceSearch search = DeviceFilter.parse(kind, state, model, location, q, certificateStatus, sort);
        int pageSize = Math.max(1, Math.min(size, MAX_PAGE_SIZE));
        var found = inventory.search(search, Math.max(0, page), pageSize).map(this::row);
        return Pages.devices(new DeviceListView(found,
                new DeviceListView.Filters(q, kind, state, certificateStatus, model, location, sort, pageSize)));
    }

    @GET
    @Path("export.csv")
    @Produces("text/csv")
    @RolesAllowed({Role.Names.ADMIN, Role.Names.BIOMED, Role.Names.AUDITOR})
    public Response export(@QueryParam("q") String q, @QueryParam("kind") String kind,
            @QueryParam("state") String state, @QueryParam("certificateStatus") String certificateStatus,
            @QueryParam("model") String model, @QueryParam("location") String location, @QueryParam("sort") String sort) {
        DeviceSearch search = DeviceFilter.parse(kind, state, model, location, q, certificateStatus, sort);
        StreamingOutput csv = output -> {
            BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8));
            DeviceCsv.writeHeader(writer);
            inventory.forEach(search, device -> DeviceCsv.write(writer, device, health(device),
                    device.currentCertificate == null ? "" : device.currentCertificate.notAfter.toString()));
            writer.flush();
        };
        return Response.ok(csv, "text/csv").header("Content-Disposition", "attachment; filename=\"devices.csv\"").build();
    }

    @GET
    @Path("new")
    @RolesAllowed({Role.Names.ADMIN, Role.Names.BIOMED})
    public TemplateInstance registrationForm() {
        return Pages.register(new RegistrationForm(), null);
    }

    @POST
    @RolesAllowed({Role.Names.ADMIN, Role.Names.BIOMED})
    public Response register(@BeanParam RegistrationForm form) {
        try {
            Device device = inventory.register(viewer.actor(), form.details());
            return Response.seeOther(URI.create("/console/devices/" + device.id)).build();
        } catch (PkiException e) {
            return Response.status(ConsoleFailures.status(e))
                    .entity(Pages.register(form, e.getMessage() + (e instanceof org.pumppki.ca.service.InvalidFieldsException invalid
                            ? " " + invalid.summary() : ""))).build();
        }
    }

    @ServerExceptionMapper
    public Response refused(PkiException e) {
        return ConsoleFailures.page(e, "/console/devices");
    }

    private DeviceRow row(Device device) {
        return DeviceRow.of(device, health(device));
    }

    private String health(Device device) {
        return CredentialHealth.of(device.currentCertificate, clock.instant(), warningWindow).label();
    }
}
