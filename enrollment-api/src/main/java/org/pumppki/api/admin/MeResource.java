package org.pumppki.api.admin;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.pumppki.ca.service.account.UserAccounts;

/** Who the caller is signed in as. */
@Path("/api/v1/me")
@Tag(name = "Account")
@Authenticated
public class MeResource {

    /** The signed-in user's name and roles. */
    public record Me(String username, List<String> roles) {
    }

    /** A password change: the current password proves it is really you. */
    @Schema(name = "PasswordChange")
    public record PasswordChange(String currentPassword, String newPassword) {
    }

    private final SecurityIdentity identity;
    private final UserAccounts accounts;
    private final Callers callers;

    MeResource(SecurityIdentity identity, UserAccounts accounts, Callers callers) {
        this.identity = identity;
        this.accounts = accounts;
        this.callers = callers;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The signed-in user", description = "User name and roles of the caller.")
    public Me me() {
        return new Me(identity.getPrincipal().getName(), identity.getRoles().stream().sorted().toList());
    }

    @POST
    @Path("password")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change your own password")
    @APIResponse(responseCode = "204", description = "Changed")
    @APIResponse(responseCode = "403", description = "The current password is wrong")
    @APIResponse(responseCode = "422", description = "The new password is too short or too long")
    public void changePassword(PasswordChange change) {
        PasswordChange body = RequestBodies.required(change);
        accounts.changeOwnPassword(callers.current(), body.currentPassword(), body.newPassword());
    }
}
