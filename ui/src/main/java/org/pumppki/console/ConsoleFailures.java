package org.pumppki.console;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.pumppki.ca.service.InvalidFieldsException;
import org.pumppki.ca.service.PkiException;

/** Shows a refused console action as a page a person can act on, with the status a script would expect. */
final class ConsoleFailures {

    private ConsoleFailures() {
    }

    static Response page(PkiException e, String back) {
        String message = e instanceof InvalidFieldsException invalid ? e.getMessage() + " " + invalid.summary() : e.getMessage();
        return Response.status(status(e)).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(Pages.problem(title(e), message, back).render()).build();
    }

    static int status(PkiException e) {
        return switch (e.failure()) {
            case INVALID_INPUT -> 400;
            case POLICY_VIOLATION -> 422;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case UNAUTHENTICATED -> 401;
            case FORBIDDEN -> 403;
            case RATE_LIMITED -> 429;
        };
    }

    private static String title(PkiException e) {
        return switch (e.failure()) {
            case INVALID_INPUT -> "Check the input";
            case POLICY_VIOLATION -> "Refused by policy";
            case NOT_FOUND -> "Not found";
            case CONFLICT -> "Not possible now";
            case UNAUTHENTICATED, FORBIDDEN -> "Not allowed";
            case RATE_LIMITED -> "Too many attempts";
        };
    }
}
