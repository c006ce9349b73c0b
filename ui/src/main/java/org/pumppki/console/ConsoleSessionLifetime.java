package org.pumppki.console;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.pumppki.ca.config.PkiConfig;
import org.pumppki.ca.service.account.UserAccounts;

/**
 * The absolute timeout of console sessions. Quarkus's session cookie knows only the idle timeout:
 * it is renewed while the person is active. So a successful sign-in also sets a second cookie that
 * records when it happened, bound to the user name by an HMAC under the session key; a console
 * request whose session lacks it, carries it for another user, or is older than
 * {@code pki.console.absolute-timeout} is sent back to the sign-in page with both cookies cleared.
 */
@ApplicationScoped
public class ConsoleSessionLifetime {

    static final String SIGNED_IN_COOKIE = "pumppki-console-since";
    static final String SESSION_COOKIE = "pumppki-console";
    static final String COOKIE_PATH = "/console";
    static final String SIGN_IN_POST = "/console/j_security_check";
    static final String SIGN_IN_PAGE = "/console/login";
    /** After the HTTPS-only and cross-site filters, before Quarkus's authentication. */
    private static final int ROUTE_ORDER = -800;

    private final Clock clock;
    private final SecurityIdentity identity;
    private final Duration absoluteTimeout;
    private final SecretKeySpec key;

    ConsoleSessionLifetime(Clock clock, SecurityIdentity identity, PkiConfig config,
            @ConfigProperty(name = "quarkus.http.auth.session.encryption-key") Optional<String> sessionKey) {
        this.clock = clock;
        this.identity = identity;
        this.absoluteTimeout = config.console().absoluteTimeout();
        // Without a configured key Quarkus encrypts sessions with a random key of this process; so do we.
        byte[] secret = sessionKey.filter(k -> !k.isBlank()).map(k -> k.getBytes(StandardCharsets.UTF_8))
                .orElseGet(() -> {
                    byte[] random = new byte[32];
                    new SecureRandom().nextBytes(random);
                    return random;
                });
        this.key = new SecretKeySpec(sha256(("pumppki console sign-in time\n").getBytes(StandardCharsets.UTF_8), secret),
                "HmacSHA256");
    }

    void install(@Observes Router router) {
        router.route(HttpMethod.POST, SIGN_IN_POST).order(ROUTE_ORDER).handler(this::onSignIn)
                .failureHandler(ConsoleSessionLifetime::onRefusedSignIn);
    }

    /**
     * A refused sign-in (wrong password, unknown user, throttled) goes back to the form, which says
     * so without telling which; left alone it would get the API's problem+json answer.
     */
    private static void onRefusedSignIn(RoutingContext context) {
        if (isAuthenticationFailure(context.failure()) && !context.response().headWritten()) {
            context.response().setStatusCode(302).putHeader(HttpHeaders.LOCATION, SIGN_IN_PAGE + "/failed").end();
            return;
        }
        context.next();
    }

    private static boolean isAuthenticationFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof io.quarkus.security.AuthenticationFailedException) {
                return true;
            }
        }
        return false;
    }

    /** A sign-in succeeded when the form mechanism sends the person anywhere but back to the sign-in page. */
    private void onSignIn(RoutingContext context) {
        context.addHeadersEndHandler(ignored -> {
            int status = context.response().getStatusCode();
            String location = context.response().headers().get(HttpHeaders.LOCATION);
            String username = context.request().getFormAttribute("j_username");
            if ((status == 302 || status == 303) && location != null && !location.contains(SIGN_IN_PAGE)
                    && username != null) {
                context.response().addCookie(cookie(SIGNED_IN_COOKIE, stamp(UserAccounts.normalize(username),
                        clock.instant())));
            }
        });
        context.next();
    }

    /** Sends a signed-in request whose sign-in is unknown, foreign or too old back to the sign-in page. */
    @ServerRequestFilter
    public Optional<Response> checkAge(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        // The identity is read for console pages only; their permission has already authenticated them.
        if (!path.startsWith(COOKIE_PATH) || path.startsWith(SIGN_IN_PAGE) || identity.isAnonymous()) {
            return Optional.empty();
        }
        jakarta.ws.rs.core.Cookie stamp = request.getCookies().get(SIGNED_IN_COOKIE);
        if (stamp != null && isCurrent(stamp.getValue(), identity.getPrincipal().getName())) {
            return Optional.empty();
        }
        return Optional.of(signedOut(SIGN_IN_PAGE + "?expired=true"));
    }

    /** A redirect that also clears the session and its sign-in time. */
    static Response signedOut(String location) {
        return Response.seeOther(java.net.URI.create(location))
                .header(HttpHeaders.SET_COOKIE, expired(SESSION_COOKIE))
                .header(HttpHeaders.SET_COOKIE, expired(SIGNED_IN_COOKIE))
                .build();
    }

    boolean isCurrent(String value, String username) {
        String[] parts = value.split("\\.", 3);
        if (parts.length != 3) {
            return false;
        }
        try {
            Instant signedIn = Instant.ofEpochSecond(Long.parseLong(parts[0]));
            String expected = stamp(username, signedIn);
            boolean authentic = MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                    value.getBytes(StandardCharsets.US_ASCII));
            Instant now = clock.instant();
            return authentic && !signedIn.isAfter(now) && now.isBefore(signedIn.plus(absoluteTimeout));
        } catch (RuntimeException malformed) {
            return false;
        }
    }

    String stamp(String username, Instant signedIn) {
        String payload = signedIn.getEpochSecond() + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(username.getBytes(StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return payload + "." + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is always available", e);
        }
    }

    private static Cookie cookie(String name, String value) {
        return Cookie.cookie(name, value).setPath(COOKIE_PATH).setHttpOnly(true).setSecure(true)
                .setSameSite(CookieSameSite.STRICT);
    }

    private static String expired(String name) {
        return name + "=; Path=" + COOKIE_PATH + "; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Secure; HttpOnly; SameSite=Strict";
    }

    private static byte[] sha256(byte[] label, byte[] secret) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(label);
            return digest.digest(secret);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
