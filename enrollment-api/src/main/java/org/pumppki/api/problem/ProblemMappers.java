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
import org.pumppki.ca.service.InvalidFieldsException;
import org.pumppki.ca.service.PkiException;
import org.pumppki.ca.service.device.DeviceImport;

/** Turns every failure of the admin API into one problem+json answer; the only place that does. */
public class ProblemMappers {

    static final String BASIC_CHALLENGE = "Basic realm=\"PumpPKI\", charset=\"UTF-8\"";
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response pkiFailure(PkiException e, UriInfo uri) {
        List<Problem.Violation> violations = null;
        if (e instanceof InvalidFieldsException invalid) {
            violations = invalid.fields().entrySet().stream()
                    .map(f -> new Problem.Violation(f.getKey(), f.getValue())).toList();
        } else if (e instanceof DeviceImport.RejectedImportException rejected) {
            violations = rejected.report().rejected().stream()
                    .map(row -> new Problem.Violation("line " + row.line(), row.reason())).toList();
        }
        return problem(Problem.type(e.code()), ProblemStatus.title(e.failure()), ProblemStatus.code(e.failure()),
                e.getMessage(), uri, violations).build();
    }

    @ServerExceptionMapper
    public Response keyUnavailable(org.pumppki.ca.keys.CaKeyException e, UriInfo uri) {
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "CA key unavailable, incident %s on %s", incident, uri.getPath());
        return problem(Problem.type("ca-key-unavailable"), "CA key unavailable", 503,
                "The CA cannot use its signing key right now (key store or HSM unavailable); the incident id is "
                        + incident + ".", uri, null).header(HttpHeaders.RETRY_AFTER, "30").build();
    }

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e, UriInfo uri, HttpHeaders headers) {
        return challenge(problem(Problem.type("unauthorized"), "Authentication required", 401,
                "Sign in with a user name and password.", uri, null), headers).build();
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri, HttpHeaders headers) {
        Object retryAfter = e.getAttribute(DatabaseIdentityProvider.RETRY_AFTER_SECONDS);
        if (retryAfter != null) {
            return problem(Problem.type("sign-in-throttled"), "Too many failed sign-ins", 429,
                    "Too many failed sign-ins for this account or address; try again later.", uri, null)
                    .header(HttpHeaders.RETRY_AFTER, retryAfter.toString()).build();
        }
        return challenge(problem(Problem.type("unauthorized"), "Authentication required", 401,
                "The user name or password is not valid.", uri, null), headers).build();
    }

    /**
     * Scripts and tools get the Basic challenge. A page in a browser does not: the challenge would
     * open the browser's own sign-in dialog, and the credentials typed there would then go along
     * with every later request to the API, cross-site ones included.
     */
    private static Response.ResponseBuilder challenge(Response.ResponseBuilder response, HttpHeaders headers) {
        return fromBrowserPage(headers) ? response : response.header(HttpHeaders.WWW_AUTHENTICATE, BASIC_CHALLENGE);
    }

    /** Browsers send Fetch Metadata with every request, and an Origin with scripted and cross-site ones. */
    static boolean fromBrowserPage(HttpHeaders headers) {
        return headers.getHeaderString("Sec-Fetch-Mode") != null || headers.getHeaderString("Sec-Fetch-Dest") != null
                || headers.getHeaderString("Origin") != null;
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
    public Response mismatchedJson(com.fasterxml.jackson.databind.exc.MismatchedInputException e, UriInfo uri) {
        return unreadableJson(e, uri);
    }

    @ServerExceptionMapper
    public Response invalidJsonValue(com.fasterxml.jackson.databind.exc.InvalidFormatException e, UriInfo uri) {
        return unreadableJson(e, uri);
    }

    @ServerExceptionMapper
    public Response unparsableJson(com.fasterxml.jackson.core.JsonParseException e, UriInfo uri) {
        return unreadableJson(e, uri);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        return problem(Problem.type("malformed-json"), "Invalid request", 400, describeJsonError(e), uri, null).build();
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
        if (isConcurrentChange(e)) {
            LOG.debugf(e, "Concurrent change on %s", uri.getPath());
            return problem(Problem.type("concurrent-change"), "Conflict with the current state", 409,
                    "Another request changed the same data at the same time; read it again and retry.", uri, null).build();
        }
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected failure %s on %s", incident, uri.getPath());
        return problem(Problem.type("internal-error"), "Internal error", 500,
                "The server failed unexpectedly; the incident id is " + incident + ".", uri, null).build();
    }

    private static Response.ResponseBuilder problem(java.net.URI type, String title, int status, String detail,
            UriInfo uri, List<Problem.Violation> violations) {
        return new Problem(type, title, status, detail, uri.getPath(), violations).toResponse();
    }

    /** Where the JSON went wrong, without naming internal classes. */
    private static String describeJsonError(JsonProcessingException e) {
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(java.util.stream.Collectors.joining("."));
            return "The value of '" + field + "' has the wrong type or format.";
        }
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException) {
            return "The request body must be a JSON object.";
        }
        var location = e.getLocation();
        return location == null ? "The request body is not well-formed JSON."
                : "The request body is not well-formed JSON (line " + location.getLineNr() + ", column "
                        + location.getColumnNr() + ").";
    }

    /**
     * Unique and check constraints (the final-revocation triggers report as one), optimistic locks
     * and row locks that lost a race surface from the statement or the commit, wrapped.
     */
    private static boolean isConcurrentChange(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof org.hibernate.exception.ConstraintViolationException
                    || cause instanceof jakarta.persistence.OptimisticLockException
                    || cause instanceof org.hibernate.StaleStateException
                    || cause instanceof jakarta.persistence.PessimisticLockException
                    || cause instanceof jakarta.persistence.LockTimeoutException
                    || cause instanceof org.hibernate.PessimisticLockException
                    || cause instanceof org.hibernate.exception.LockAcquisitionException) {
                return true;
            }
        }
        return false;
    }

    private static String leafName(String propertyPath) {
        int dot = propertyPath.lastIndexOf('.');
        return dot < 0 ? propertyPath : propertyPath.substring(dot + 1);
    }
}
