package org.pumppki.console;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import org.pumppki.ca.security.ClientAddress;
import org.pumppki.ca.security.Role;
import org.pumppki.ca.service.Actor;

/**
 * The person looking at a console page: what the navigation shows them and which actions they are
 * offered. The server checks the same roles again on every action ({@code @RolesAllowed}).
 */
@RequestScoped
@Named("viewer")
public class Viewer {

    private final SecurityIdentity identity;
    private final CurrentVertxRequest request;

    Viewer(SecurityIdentity identity, CurrentVertxRequest request) {
        this.identity = identity;
        this.request = request;
    }

    public boolean isSignedIn() {
        return !identity.isAnonymous();
    }

    public String getName() {
        return identity.isAnonymous() ? "" : identity.getPrincipal().getName();
    }

    public boolean isAdmin() {
        return identity.hasRole(Role.Names.ADMIN);
    }

    /** Registers, enrolls, renews, revokes and moves devices: biomedical engineers and admins. */
    public boolean isDeviceOperator() {
        return identity.hasRole(Role.Names.BIOMED) || isAdmin();
    }

    /** Reads the audit log: auditors and admins. */
    public boolean isAuditReader() {
        return identity.hasRole(Role.Names.AUDITOR) || isAdmin();
    }

    public String getRoles() {
        return String.join(", ", identity.getRoles().stream().sorted().toList());
    }

    /** The signed-in person as the use cases and the audit log see them. */
    public Actor actor() {
        String source = request.getCurrent() == null ? null : ClientAddress.of(request.getCurrent());
        return Actor.person(identity.getPrincipal().getName(), identity.getRoles(), source);
    }
}
