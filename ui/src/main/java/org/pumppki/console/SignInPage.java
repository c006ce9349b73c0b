package org.pumppki.console;

import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Signing in and out. The form posts to Quarkus's form authentication ({@code /console/j_security_check}),
 * which checks the password, the throttle and audits failures like the API's Basic sign-in does.
 */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class SignInPage {

    @GET
    @Path("login")
    public TemplateInstance form(@QueryParam("expired") boolean expired, @QueryParam("signed-out") boolean signedOut) {
        return Pages.login(false, expired, signedOut);
    }

    /** Where a refused sign-in lands: wrong password, unknown user or too many attempts look alike. */
    @GET
    @Path("login/failed")
    public Response failed() {
        return Response.status(Response.Status.UNAUTHORIZED).entity(Pages.login(true, false, false)).build();
    }

    /** Ends the session: both cookies are cleared. A form post, so that another site cannot sign a person out. */
    @POST
    @Path("logout")
    public Response signOut() {
        return ConsoleSessionLifetime.signedOut(ConsoleSessionLifetime.SIGN_IN_PAGE + "?signed-out=true");
    }
}
