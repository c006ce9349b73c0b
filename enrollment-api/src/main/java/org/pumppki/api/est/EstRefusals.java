package org.pumppki.api.est;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.pumppki.ca.crypto.RequestRejectedException;
import org.pumppki.ca.keys.CaKeyException;
import org.pumppki.ca.service.Actor;
import org.pumppki.ca.service.CryptoFailures;
import org.pumppki.ca.service.Failure;
import org.pumppki.ca.service.PkiException;
import org.pumppki.ca.service.audit.AuditAction;
import org.pumppki.ca.service.audit.AuditLog;

/**
 * Turns every failure of an EST operation into the protocol's answer: an RFC 7030 status with a
 * {@code text/plain} reason. Refusals that the use cases did not already audit (wrong content type,
 * oversized or unreadable body, no credentials) are audited here.
 */
@ApplicationScoped
public class EstRefusals {

    private static final Logger LOG = Logger.getLogger(EstRefusals.class);
    /** Codes of refusals raised by the door itself, before any use case could audit them. */
    // Not "credentials-required": that 401 is the ordinary challenge of HTTP authentication.
    private static final Set<String> DOOR_CODES = Set.of("client-certificate-required",
            "empty-body", "unreadable-body", "malformed-base64", "malformed-request", "unknown-label");

    private final AuditLog auditLog;

    EstRefusals(AuditLog auditLog) {
        this.auditLog = auditLog;
    }

    Response answer(String operation, String source, RuntimeException e) {
        if (e instanceof EstMessages.TooLargeException) {
            audit(operation, source, "too-large");
            return text(413, e.getMessage());
        }
        if (e instanceof EstMessages.UnsupportedTypeException) {
            audit(operation, source, "unsupported-media-type");
            return text(415, e.getMessage());
        }
        if (e instanceof RequestRejectedException rejected) {
            return answer(operation, source, CryptoFailures.translate(rejected));
        }
        if (e instanceof CaKeyException) {
            String incident = UUID.randomUUID().toString();
            LOG.errorf(e, "CA key unavailable during EST %s, incident %s", operation, incident);
            return Response.status(503).type("text/plain").header(HttpHeaders.RETRY_AFTER, "30")
                    .entity("The CA cannot sign right now; try again later (incident " + incident + ").\n").build();
        }
        if (e instanceof PkiException failure) {
            if (DOOR_CODES.contains(failure.code())) {
                audit(operation, source, failure.code());
            }
            if (failure.failure() == Failure.UNAUTHENTICATED) {
                // A challenge without a body: Bouncy Castle's EST client closes a 401 unread and fails on
                // any content, and the reason would only tell an impostor which part of its guess was wrong.
                return Response.status(401).header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"PumpPKI EST\", charset=\"UTF-8\"")
                        .build();
            }
            Response.ResponseBuilder answer = Response.status(status(failure.failure())).type("text/plain")
                    .entity(failure.getMessage() + "\n");
            if (failure.failure() == Failure.RATE_LIMITED) {
                answer.header(HttpHeaders.RETRY_AFTER, "60");
            }
            return answer.build();
        }
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected failure %s during EST %s", incident, operation);
        return text(500, "The server failed unexpectedly; the incident id is " + incident + ".");
    }

    /** RFC 7030 leaves the codes to HTTP: a bad request is 400, even one the policy refuses. */
    private static int status(Failure failure) {
        return switch (failure) {
            case INVALID_INPUT, POLICY_VIOLATION -> 400;
            case UNAUTHENTICATED -> 401;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case RATE_LIMITED -> 429;
        };
    }

    private void audit(String operation, String source, String reason) {
        auditLog.recordFailure(new Actor("device:unidentified", List.of(), source), AuditAction.EST_REQUEST_REFUSED, "unknown",
                Map.of("operation", operation, "reason", reason));
    }

    private static Response text(int status, String message) {
        return Response.status(status).type("text/plain").entity(message + "\n").build();
    }
}
