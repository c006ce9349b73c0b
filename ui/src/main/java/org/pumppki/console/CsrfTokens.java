package org.pumppki.console;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.WithFormRead;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

/**
 * Cross-site request forgery protection of the console (double submit). Every console page sets a
 * random token in a cookie only the console's own pages are sent ({@code SameSite=Strict},
 * {@code Path=/console}); every form that changes something carries it in a hidden field, and htmx
 * in the {@value #HEADER} header. A POST whose field or header does not match the cookie is refused
 * before the action runs. Scoped to {@code /console}: the admin API's calls are guarded by
 * {@code CrossSiteRequests}, and their bodies (JSON, CSV) must not be read as forms.
 * Templates read the token as {@code inject:csrf.token}.
 */
@ApplicationScoped
@Named("csrf")
public class CsrfTokens {

    static final String COOKIE = "pumppki-csrf";
    static final String FIELD = "csrf-token";
    static final String HEADER = "X-CSRF-TOKEN";
    private static final String ATTRIBUTE = "pki.console.csrf-token";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final int TOKEN_BYTES = 24;

    private final CurrentVertxRequest request;
    private final SecureRandom random = new SecureRandom();

    CsrfTokens(CurrentVertxRequest request) {
        this.request = request;
    }

    /** The token of the current console request, for forms. */
    public String getToken() {
        RoutingContext context = request.getCurrent();
        String token = context == null ? null : context.get(ATTRIBUTE);
        return token == null ? "" : token;
    }

    public String getParameterName() {
        return FIELD;
    }

    public String getHeaderName() {
        return HEADER;
    }

    @ServerRequestFilter
    @WithFormRead
    public Optional<Response> check(ResteasyReactiveContainerRequestContext requestContext, RoutingContext context) {
        String path = context.normalizedPath();
        if (path == null || !(path.equals("/console") || path.startsWith("/console/"))) {
            return Optional.empty();
        }
        Cookie cookie = context.request().getCookie(COOKIE);
        String expected = cookie == null || !wellFormed(cookie.getValue()) ? null : cookie.getValue();
        if (SAFE_METHODS.contains(requestContext.getMethod())) {
            if (expected == null) {
                expected = newToken();
                context.response().addCookie(Cookie.cookie(COOKIE, expected).setPath("/console").setSecure(true)
                        .setHttpOnly(true).setSameSite(CookieSameSite.STRICT));
            }
            context.put(ATTRIBUTE, expected);
            return Optional.empty();
        }
        String presented = requestContext.getHeaderString(HEADER);
        if (presented == null) {
            Object field = ((ResteasyReactiveRequestContext) requestContext.getServerRequestContext())
                    .getFormParameter(FIELD, true, false);
            presented = field == null ? null : field.toString();
        }
        if (expected == null || presented == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                presented.getBytes(StandardCharsets.US_ASCII))) {
            return Optional.of(Response.status(Response.Status.BAD_REQUEST).type(MediaType.TEXT_PLAIN_TYPE)
                    .entity("This form did not come from a page of this console session. Reload the page and try again.\n")
                    .build());
        }
        context.put(ATTRIBUTE, expected);
        return Optional.empty();
    }

    private String newToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static boolean wellFormed(String token) {
        return token != null && token.length() == 32 && token.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_');
    }
}
