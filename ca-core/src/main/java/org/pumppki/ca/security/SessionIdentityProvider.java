package org.pumppki.ca.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.Set;
import org.pumppki.ca.service.account.UserAccounts;

/**
 * Restores the person behind a console session cookie. The cookie names only the user: the roles
 * are read again from the database on every request, so a deleted, disabled or demoted account
 * loses its sessions at once.
 */
@ApplicationScoped
public class SessionIdentityProvider implements IdentityProvider<TrustedAuthenticationRequest> {

    private final UserAccounts accounts;

    SessionIdentityProvider(UserAccounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public Class<TrustedAuthenticationRequest> getRequestType() {
        return TrustedAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TrustedAuthenticationRequest request, AuthenticationRequestContext context) {
        return context.runBlocking(() -> {
            Optional<Set<Role>> roles = accounts.rolesOf(request.getPrincipal());
            if (roles.isEmpty()) {
                throw new AuthenticationFailedException("The session's account no longer signs in");
            }
            QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal(UserAccounts.normalize(request.getPrincipal())));
            roles.get().forEach(role -> identity.addRole(role.roleName()));
            return identity.build();
        });
    }
}
