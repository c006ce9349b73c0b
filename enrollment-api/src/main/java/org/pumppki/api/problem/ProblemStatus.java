package org.pumppki.api.problem;

import java.util.EnumMap;
import java.util.Map;
import org.pumppki.ca.service.Failure;

/** The HTTP status and title the admin API gives each kind of use-case failure. */
final class ProblemStatus {

    private record Status(int code, String title) {
    }

    private static final Map<Failure, Status> STATUSES = new EnumMap<>(Map.of(
            Failure.INVALID_INPUT, new Status(400, "Invalid request"),
            Failure.POLICY_VIOLATION, new Status(422, "Refused by policy"),
            Failure.NOT_FOUND, new Status(404, "Not found"),
            Failure.CONFLICT, new Status(409, "Conflict with the current state"),
            Failure.UNAUTHENTICATED, new Status(401, "Authentication required"),
            Failure.FORBIDDEN, new Status(403, "Forbidden"),
            Failure.RATE_LIMITED, new Status(429, "Too many requests")));

    private ProblemStatus() {
    }

    static int code(Failure failure) {
        return STATUSES.get(failure).code();
    }

    static String title(Failure failure) {
        return STATUSES.get(failure).title();
    }
}
