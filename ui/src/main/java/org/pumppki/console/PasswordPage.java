package org.pumppki.console;

import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;
import org.pumppki.ca.security.Role;
import org.pumppki.ca.service.PkiException;
import org.pumppki.ca.service.account.UserAccounts;

/** Changing one's own password, which needs the current one. */
@Path("/console/account/password")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Role.Names.ADMIN, Role.Names.BIOMED, Role.Names.AUDITOR})
public class PasswordPage {

    private final UserAccounts accounts;
    private final Viewer viewer;

    PasswordPage(UserAccounts accounts, Viewer viewer) {
        this.accounts = accounts;
        this.viewer = viewer;
    }

    @GET
    public TemplateInstance form() {
        return Pages.password(null, false);
    }

    @POST
    public Response change(@RestForm String currentPassword, @RestForm String newPassword, @RestForm String repeated) {
        if (newPassword == null || !newPassword.equals(repeated)) {
            return Response.status(Response.Status.BAD_REQUEST).entity(Pages.password("The new passwords differ.", false)).build();
        }
        try {
            accounts.changeOwnPassword(viewer.actor(), currentPassword, newPassword);
            return Response.ok(Pages.password(null, true)).build();
        } catch (PkiException e) {
            return Response.status(ConsoleFailures.status(e)).entity(Pages.password(e.getMessage(), false)).build();
        }
    }
}
