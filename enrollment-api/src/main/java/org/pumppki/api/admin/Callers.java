package org.pumppki.api.admin;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.enterprise.context.RequestScoped;
import org.pumppki.ca.security.ClientAddress;
import org.pumppki.ca.service.Actor;

/** The signed-in person behind the current API request, as the use cases and the audit log see them. */
@RequestScoped
public class Callers {

    private final SecurityIdentity identity;
    private final CurrentVertxRequest request;

    Callers(SecurityIdentity identity, CurrentVertxRequest request) {
        this.identity = identity;
        this.request = request;
    }

    public Actor current() {
        String source = request.getCurrent() == null ? null : ClientAddress.of(request.getCurrent());
        return Actor.person(identity.getPrincipal().getName(), identity.getRoles(), source);
    }
}
