package org.pumppki.console;

import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.pumppki.ca.security.Role;
import org.pumppki.ca.service.revocation.RevocationStatus;

/** The CAs with their certificate and CRL downloads, and the state of their CRL and OCSP responder. */
@Path("/console/cas")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Role.Names.ADMIN, Role.Names.BIOMED, Role.Names.AUDITOR})
public class AuthoritiesPage {

    private final RevocationStatus status;

    AuthoritiesPage(RevocationStatus status) {
        this.status = status;
    }

    @GET
    public TemplateInstance list() {
        return Pages.authorities(status.all());
    }
}
