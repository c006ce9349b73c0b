package org.pumppki.api.admin;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.RequestScoped;
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
        SocketAddress remote = request.getCurrent() == null ? null : request.getCurrent().request().remoteAddress();
        return Actor.person(identity.getPrincipal().getName(), identity.getRoles(), remote == null ? null : remote.hostAddress());
    }
}
