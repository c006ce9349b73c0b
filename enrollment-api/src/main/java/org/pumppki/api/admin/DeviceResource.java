package org.pumppki.api.admin;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.pumppki.ca.security.Role;
import org.pumppki.ca.service.device.DeviceCsv;
import org.pumppki.ca.service.device.DeviceImport;
import org.pumppki.ca.service.device.DeviceInventory;
import org.pumppki.ca.store.Device;
import org.pumppki.ca.store.DeviceSearch;

/** The inventory of pumps, pump servers and RADIUS servers. */
@Path("/api/v1/devices")
@Transactional
@Tag(name = "Devices", description = "The asset inventory every certificate belongs to")
public class DeviceResource {

    static final String CSV = "text/csv";

    private final DeviceInventory inventory;
    private final DeviceImport deviceImport;
    private final DeviceViews views;
    private final Callers callers;

    DeviceResource(DeviceInventory inventory, DeviceImport deviceImport, DeviceViews views, Callers callers) {
        this.inventory = inventory;
        this.deviceImport = deviceImport;
        this.views = views;
        this.callers = callers;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.Names.ADMIN, Role.Names.BIOMED})
    @Operation(summary = "Register a device")
    @APIResponse(responseCode = "201", description = "Registered; Location names the new device")
    @APIResponse(responseCode = "400", description = "Invalid fields (problem+json lists them)")
    @APIResponse(responseCode = "409", description = "The manufacturer's serial is already registered")
    public Response register(DeviceInput input, UriInfo uri) {
        Device device = inventory.register(callers.current(), RequestBodies.required(input).details());
        return Response.created(uri.getAbsolutePathBuilder().path(device.id.toString()).build())
                .entity(views.of(device)).build();
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, CSV})
    @RolesAllowed({Role.Names.ADMIN, Role.Names.BIOMED, Role.Names.AUDITOR})
    @Operation(summary = "List devices", description = "Filters combine with AND. With format=csv the whole "
            + "matching inventory is exported as CSV (page and size are ignored).")
    public Response list(
            @QueryParam("kind") @Parameter(description = "pump, pump-server or radius-server") String kind,
            @QueryParam("state") @Parameter(description = "in-service, quarantined, lost or decommissioned") String state,
            @QueryParam("model") String model,
            @QueryParam("location") String location,
            @QueryParam("q") @Parameter(description = "Substring of serial, manufacturer, model, UDI, MAC or location") String text,
            @QueryParam("certificateStatus") @Parameter(description = "valid, expiring, expired, on-hold, revoked or none") String health,
            @QueryParam("sort") @Parameter(description = "serial, model, location, state, kind or createdAt; prefix - for descending") String sort,
            @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("50") int size,
            @QueryParam("format") @DefaultValue("json") String format) {
        DeviceSearch search = ListParameters.deviceSearch(kind, state, model, location, text, health, sort);
        if ("csv".equals(format)) {
            return Response.ok(csvExport(search), CSV)
                    .header("Content-Disposition", "attachment; filename=\"devices.csv\"").build();
        }
        ListParameters.checkFormat(format);
        ListParameters.checkPage(page, size);
        return Response.ok(ListPage.of(inventory.search(search, page, size).map(views::of)), MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.Names.ADMIN, Role.Names.BIOMED, Role.Names.AUDITOR})
    @Operation(summary = "Get a device")
    @APIResponse(responseCode = "404", description = "No such device")
    public DeviceView get(@PathParam("id") UUID id) {
        return views.of(inventory.get(id));
    }

    @PATCH
    @Path("{id}")
    @Consumes({"application/merge-patch+json", MediaType.APPLICATION_JSON})
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.Names.ADMIN, Role.Names.BIOMED})
    @Operation(summary = "Change a device's descriptive fields",
            description = "Absent fields stay as they are. Kind, manufacturer and serial cannot change; the state "
                    + "changes through the lifecycle actions.")
    public DeviceView update(@PathParam("id") UUID id, DeviceInput changes) {
        return views.of(inventory.update(callers.current(), id, RequestBodies.required(changes).details()));
    }

    @POST
    @Path("import")
    @Consumes(CSV)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.Names.ADMIN, Role.Names.BIOMED})
    @Operation(summary = "Import devices from CSV",
            description = "Header row with at least kind, serial, manufacturer, model; optional udi, macAddress, "
                    + "firmware, location, state, hostnames (space or ; separated). mode=partial registers every valid "
                    + "row and reports the others; mode=all-or-nothing registers nothing unless every row is valid.")
    @APIResponse(responseCode = "200", description = "Per-row report")
    @APIResponse(responseCode = "400", description = "Unreadable CSV, or (all-or-nothing) invalid rows: nothing imported")
    // The import commits in transactions of its own (chunks in partial mode); one around it would
    // outlive them and time out on a large file.
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public DeviceImport.Report importCsv(Reader csv,
            @QueryParam("mode") @DefaultValue("partial") @Parameter(description = "partial or all-or-nothing") String mode) {
        return deviceImport.importCsv(callers.current(), csv, ListParameters.importMode(mode));
    }

    private StreamingOutput csvExport(DeviceSearch search) {
        return output -> {
            BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8));
            DeviceCsv.writeHeader(writer);
            inventory.forEach(search, device -> DeviceCsv.write(writer, device, views.health(device).label(),
                    device.currentCertificate == null ? "" : device.currentCertificate.notAfter.toString()));
            writer.flush();
        };
    }
}
