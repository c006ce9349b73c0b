package org.pumppki.console;

import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jboss.resteasy.reactive.RestForm;
import org.pumppki.ca.security.Role;
import org.pumppki.ca.service.PkiException;
import org.pumppki.ca.service.account.UserAccounts;

/** User administration for admins: the accounts, creating one with its roles, deleting one. */
@Path("/console/users")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Role.Names.ADMIN)
public class UsersPage {

    private final UserAccounts accounts;
    private final Viewer viewer;

    UsersPage(UserAccounts accounts, Viewer viewer) {
        this.accounts = accounts;
        this.viewer = viewer;
    }

    @GET
    public TemplateInstance list() {
        return Pages.users(accounts.list(), null, null);
    }

    @POST
    public Response create(@RestForm String username, @RestForm String password, @RestForm List<String> roles) {
        Set<Role> parsed = EnumSet.noneOf(Role.class);
        if (roles != null) {
            roles.forEach(name -> Role.fromName(name).ifPresent(parsed::add));
        }
        return outcome(() -> accounts.create(viewer.actor(), username, password, parsed), "User " + username + " created.");
    }

    @POST
    @Path("{username}/delete")
    public Response delete(@PathParam("username") String username) {
        return outcome(() -> accounts.delete(viewer.actor(), username), "User " + username + " deleted.");
    }

    private Response outcome(Runnable change, String done) {
        try {
            change.run();
            return Response.ok(Pages.users(accounts.list(), null, done)).build();
        } catch (PkiException e) {
            return Response.status(ConsoleFailures.status(e)).entity(Pages.users(accounts.list(), e.getMessage(), null)).build();
        }
    }
}
