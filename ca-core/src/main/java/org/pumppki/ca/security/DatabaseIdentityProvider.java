package org.pumppki.ca.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pumppki.ca.security.SignInAttempt.Outcome;
import org.pumppki.ca.service.account.SignInThrottle;
import org.pumppki.ca.service.account.UserAccounts;

/**
 * Signs people in with the user name and password stored in the database, refusing attempts while
 * the account or the source address is throttled.
 */
@ApplicationScoped
public class DatabaseIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    /** Attribute of the thrown exception that carries the seconds to wait, for a 429 answer. */
    public static final String RETRY_AFTER_SECONDS = "pki.retry-after-seconds";

    private final UserAccounts accounts;
    private final SignInThrottle throttle;
    private final Event<SignInAttempt> attempts;

    DatabaseIdentityProvider(UserAccounts accounts, SignInThrottle throttle, Event<SignInAttempt> attempts) {
        this.accounts = accounts;
        this.throttle = throttle;
        this.attempts = attempts;
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
            AuthenticationRequestContext context) {
        String source = sourceAddress(request);
        return context.runBlocking(() -> signIn(request.getUsername(), new String(request.getPassword().getPassword()), source));
    }

    private SecurityIdentity signIn(String username, String password, String source) {
        SignInThrottle.Decision decision = throttle.attempt(username, source);
        if (!decision.allowed()) {
            if (decision.throttledToReport() > 0) {
                attempts.fire(new SignInAttempt(username, source, Outcome.THROTTLED, decision.throttledToReport()));
            }
            long seconds = Math.max(1, decision.retryAfter().get().toSeconds());
            throw new AuthenticationFailedException("Too many failed sign-ins", Map.of(RETRY_AFTER_SECONDS, seconds));
        }
        Optional<Set<Role>> roles;
        try {
            roles = accounts.verify(username, password);
            if (roles.isPresent()) {
                throttle.succeeded(username, source);
            }
        } finally {
            throttle.settled(username, source);
        }
        if (roles.isEmpty()) {
            attempts.fire(new SignInAttempt(username, source, Outcome.FAILED));
            throw new AuthenticationFailedException("Invalid user name or password");
        }
        attempts.fire(new SignInAttempt(username, source, Outcome.SUCCEEDED));
        QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(username.trim().toLowerCase(java.util.Locale.ROOT)));
        roles.get().forEach(role -> identity.addRole(role.roleName()));
        return identity.build();
    }

    private static String sourceAddress(UsernamePasswordAuthenticationRequest request) {
        RoutingContext routingContext = HttpSecurityUtils.getRoutingContextAttribute(request);
        return ClientAddress.of(routingContext);
    }
}
