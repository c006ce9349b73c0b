package org.pumppki.api.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.pumppki.ca.security.DatabaseIdentityProvider;
import org.pumppki.ca.service.PkiException;

/** Turns every failure of the admin API into one problem+json answer; the only place that does. */
public class ProblemMappers {

    static final String BASIC_CHALLENGE = "Basic realm=\"PumpPKI\", charset=\"UTF-8\"";
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response pkiFailure(PkiException e, UriInfo uri) {
        int status = ProblemStatus.code(e.failure());
        Response.ResponseBuilder response = problem(Problem.type(e.code()), ProblemStatus.title(e.failure()), status,
                e.getMessage(), uri, null);
        return response.build();
    }

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e, UriInfo uri) {
        return problem(Problem.type("unauthorized"), "Authentication required", 401,
                "Sign in with a user name and password.", uri, null)
                .header(HttpHeaders.WWW_AUTHENTICATE, BASIC_CHALLENGE).build();
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        Object retryAfter = e.getAttribute(DatabaseIdentityProvider.RETRY_AFTER_SECONDS);
        if (retryAfter != null) {
            return problem(Problem.type("sign-in-throttled"), "Too many failed sign-ins", 429,
                    "Too many failed sign-ins for this account or address; try again later.", uri, null)
                    .header(HttpHeaders.RETRY_AFTER, retryAfter.toString()).build();
        }
        return problem(Problem.type("unauthorized"), "Authentication required", 401,
                "The user name or password is not valid.", uri, null)
                .header(HttpHeaders.WWW_AUTHENTICATE, BASIC_CHALLENGE).build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return problem(Problem.type("forbidden"), "Forbidden", 403,
                "Your roles do not allow this operation.", uri, null).build();
    }

    @ServerExceptionMapper
    public Response invalidFields(ConstraintViolationException e, UriInfo uri) {
        List<Problem.Violation> violations = e.getConstraintViolations().stream()
                .map(v -> new Problem.Violation(leafName(v.getPropertyPath().toString()), v.getMessage()))
                .sorted(java.util.Comparator.comparing(Problem.Violation::field))
                .toList();
        return problem(Problem.type("invalid-fields"), "Invalid request", 400,
                "Some fields are missing or invalid.", uri, violations).build();
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        return problem(Problem.type("malformed-json"), "Invalid request", 400,
                "The request body is not valid JSON for this operation: " + e.getOriginalMessage(), uri, null).build();
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, uri);
        }
        Response.StatusType statusType = e.getResponse().getStatusInfo();
        String slug = statusType.getReasonPhrase().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        return problem(Problem.type(slug), statusType.getReasonPhrase(), status, e.getMessage(), uri, null).build();
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e, UriInfo uri) {
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected failure %s on %s", incident, uri.getPath());
        return problem(Problem.type("internal-error"), "Internal error", 500,
                "The server failed unexpectedly; the incident id is " + incident + ".", uri, null).build();
    }

    private static Response.ResponseBuilder problem(java.net.URI type, String title, int status, String detail,
            UriInfo uri, List<Problem.Violation> violations) {
        return new Problem(type, title, status, detail, uri.getPath(), violations).toResponse();
    }

    private static String leafName(String propertyPath) {
        int dot = propertyPath.lastIndexOf('.');
        return dot < 0 ? propertyPath : propertyPath.substring(dot + 1);
    }
}
