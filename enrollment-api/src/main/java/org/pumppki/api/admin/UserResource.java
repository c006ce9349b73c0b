package org.pumppki.api.admin;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.pumppki.ca.security.Role;
import org.pumppki.ca.service.PkiException;
import org.pumppki.ca.service.account.UserAccounts;
import org.pumppki.ca.store.UserAccount;

/** People's accounts; administrators only. */
@Path("/api/v1/users")
@Tag(name = "Users")
@RolesAllowed(Role.Names.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {

    /** A new account. */
    @Schema(name = "NewUser")
    public record NewUser(
            @Schema(example = "jdoe") String username,
            @Schema(example = "correct horse battery staple", description = "At least 12 characters") String password,
            @Schema(example = "[\"biomed\"]", enumeration = {"admin", "biomed", "auditor"}) List<String> roles) {
    }

    /** An account as listed; never the password or its hash. */
    @Schema(name = "User")
    public record UserView(String username, List<String> roles, boolean enabled, Instant createdAt, Instant passwordChangedAt) {
        static UserView of(UserAccount account) {
            return new UserView(account.username, account.roles.stream().map(Role::roleName).sorted().toList(),
                    account.enabled, account.createdAt, account.passwordChangedAt);
        }
    }

    private final UserAccounts accounts;
    private final Callers callers;

    UserResource(UserAccounts accounts, Callers callers) {
        this.accounts = accounts;
        this.callers = callers;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a user")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "409", description = "The user name is taken")
    @APIResponse(responseCode = "422", description = "The password is too short or too long")
    public Response create(NewUser user, UriInfo uri) {
        NewUser body = RequestBodies.required(user);
        UserAccount account = accounts.create(callers.current(), body.username(), body.password(), roles(body.roles()));
        return Response.created(uri.getAbsolutePathBuilder().path(account.username).build())
                .entity(UserView.of(account)).build();
    }

    @GET
    @Operation(summary = "List users")
    public List<UserView> list() {
        return accounts.list().stream().map(UserView::of).toList();
    }

    @GET
    @Path("{username}")
    @Operation(summary = "Get a user")
    public UserView get(@PathParam("username") String username) {
        return UserView.of(accounts.find(username));
    }

    @DELETE
    @Path("{username}")
    @Operation(summary = "Delete a user", description = "Neither yourself nor the last administrator.")
    @APIResponse(responseCode = "204", description = "Deleted")
    public void delete(@PathParam("username") String username) {
        accounts.delete(callers.current(), username);
    }

    private static Set<Role> roles(List<String> names) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : names == null ? List.<String>of() : names) {
            roles.add(Role.fromName(name).orElseThrow(() -> PkiException.invalidInput("invalid-role",
                    "'" + name + "' is not a role; roles are admin, biomed and auditor.")));
        }
        return roles;
    }
}
