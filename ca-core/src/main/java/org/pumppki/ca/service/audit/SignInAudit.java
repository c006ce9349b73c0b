package org.pumppki.ca.service.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import org.pumppki.ca.security.SignInAttempt;
import org.pumppki.ca.service.Actor;

/**
 * Records refused sign-ins. Successful HTTP Basic authentications are not logged: they happen on
 * every API call, and the calls that change something are audited themselves.
 */
@ApplicationScoped
public class SignInAudit {

    private final AuditLog auditLog;

    SignInAudit(AuditLog auditLog) {
        this.auditLog = auditLog;
    }

    void onAttempt(@Observes SignInAttempt attempt) {
        AuditAction action = switch (attempt.outcome()) {
            case FAILED -> AuditAction.SIGN_IN_FAILED;
            case THROTTLED -> AuditAction.SIGN_IN_THROTTLED;
            case SUCCEEDED -> null;
        };
        if (action != null) {
            Actor actor = new Actor(attempt.username(), List.of(), attempt.sourceAddress());
            auditLog.recordFailure(actor, action, attempt.username(),
                    action == AuditAction.SIGN_IN_THROTTLED ? Map.of("attempts", attempt.attempts()) : Map.of());
        }
    }
}
