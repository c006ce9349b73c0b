package org.pumppki.console;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;
import java.util.function.Function;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.pumppki.ca.crypto.RevocationReason;
import org.pumppki.ca.security.Role;
import org.pumppki.ca.service.PkiException;
import org.pumppki.ca.service.certificate.CertificateIssuance;
import org.pumppki.ca.service.certificate.CertificateQueries;
import org.pumppki.ca.service.certificate.CertificateRevocation;
import org.pumppki.ca.store.Certificate;

/** Revoke with a reason, hold, release and renew one certificate; each goes back to its device's page. */
@Path("/console/certificates/{serial}")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Role.Names.ADMIN, Role.Names.BIOMED})
public class CertificateActions {

    private final CertificateQueries queries;
    private final CertificateRevocation revocation;
    private final CertificateIssuance issuance;
    private final Viewer viewer;

    CertificateActions(CertificateQueries queries, CertificateRevocation revocation, CertificateIssuance issuance,
            Viewer viewer) {
        this.queries = queries;
        this.revocation = revocation;
        this.issuance = issuance;
        this.viewer = viewer;
    }

    @POST
    @Path("revoke")
    public Response revoke(@PathParam("serial") String serial, @RestForm String reason) {
        RevocationReason parsed;
        try {
            parsed = RevocationReason.fromApiName(reason == null || reason.isBlank() ? "unspecified" : reason.trim());
        } catch (IllegalArgumentException e) {
            throw PkiException.invalidInput("invalid-reason", "'" + reason + "' is not a revocation reason.");
        }
        return change(serial, certificate -> revocation.revoke(viewer.actor(), certificate, parsed));
    }

    @POST
    @Path("hold")
    public Response hold(@PathParam("serial") String serial) {
        return change(serial, certificate -> revocation.hold(viewer.actor(), certificate));
    }

    @POST
    @Path("release")
    public Response release(@PathParam("serial") String serial) {
        return change(serial, certificate -> revocation.release(viewer.actor(), certificate));
    }

    /** Renews for the same key; the old certificate stays valid until it expires or is revoked. */
    @POST
    @Path("renew")
    public Response renew(@PathParam("serial") String serial) {
        return change(serial, certificate -> issuance.renew(viewer.actor(), certificate, Optional.empty()).record());
    }

    @ServerExceptionMapper
    public Response refused(PkiException e) {
        return ConsoleFailures.page(e, "/console/devices");
    }

    /** Runs the change in one transaction and shows the device again. */
    private Response change(String serial, Function<Certificate, Certificate> action) {
        Certificate changed = QuarkusTransaction.requiringNew().call(() -> action.apply(queries.bySerial(serial)));
        if (changed.device == null) {
            return Response.seeOther(URI.create("/console/devices")).build();
        }
        return DevicePage.backToDevice(changed.device.id);
    }
}
