package org.pumppki.api.transport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.pumppki.api.problem.Problem;
import org.pumppki.ca.config.PkiConfig;

/**
 * Keeps state-changing calls of the admin API out of reach of other web sites. A browser sends
 * HTTP Basic credentials it remembers with any cross-site form, so a POST, PUT, PATCH or DELETE
 * under {@code /api/} is refused (403, before authentication) when
 * <ul>
 * <li>it carries an {@code Origin} other than PumpPKI's own, or</li>
 * <li>it could have been sent by a form or a no-CORS {@code fetch}: no {@code Content-Type}, or one
 * of the three a form can send ({@code text/plain}, {@code application/x-www-form-urlencoded},
 * {@code multipart/form-data}), and no {@code X-Requested-By} header.</li>
 * </ul>
 * Any other content type (JSON, CSV, PEM) or a custom header makes a browser ask first with a CORS
 * preflight, which PumpPKI never allows.
 */
@ApplicationScoped
public class CrossSiteRequests {

    /** The header a script or tool sends with calls that have no body; its value is not checked. */
    public static final String REQUESTED_BY = "X-Requested-By";

    static final Set<HttpMethod> STATE_CHANGING = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
            HttpMethod.DELETE);
    static final Set<String> FORM_CONTENT_TYPES = Set.of("text/plain", "application/x-www-form-urlencoded",
            "multipart/form-data");
    /** After {@link HttpsOnly}, before the REST layer and before authentication. */
    private static final int ROUTE_ORDER = -900;

    private final ObjectMapper json;
    private final Optional<String> configuredOrigin;
    private final TrustedProxies proxies;

    CrossSiteRequests(ObjectMapper json, PkiConfig config) {
        this.json = json;
        this.configuredOrigin = config.http().httpsBaseUrl().map(CrossSiteRequests::originOf);
        this.proxies = TrustedProxies.parse(config.http().trustedProxies().orElse(java.util.List.of()));
    }

    void install(@Observes Router router) {
        router.route().order(ROUTE_ORDER).handler(this::filter);
    }

    private void filter(RoutingContext context) {
        HttpServerRequest request = context.request();
        String path = request.path();
        if (path == null || !path.startsWith("/api/") || !STATE_CHANGING.contains(request.method())) {
            context.next();
            return;
        }
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin != null && !isOwnOrigin(origin, request)) {
            refuse(context, "Requests that change state are not accepted from another web site (Origin " + origin + ").");
            return;
        }
        if (request.getHeader(REQUESTED_BY) == null && formCouldSend(request.getHeader(HttpHeaders.CONTENT_TYPE))) {
            refuse(context, "Send a JSON body (Content-Type: application/json) or the header " + REQUESTED_BY
                    + " with every request that changes state; a web form cannot.");
            return;
        }
        context.next();
    }

    static boolean formCouldSend(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return true;
        }
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return mediaType.isEmpty() || FORM_CONTENT_TYPES.contains(mediaType);
    }

    private boolean isOwnOrigin(String origin, HttpServerRequest request) {
        String normalized = origin.trim().toLowerCase(Locale.ROOT);
        if (configuredOrigin.isPresent() && configuredOrigin.get().equals(normalized)) {
            return true;
        }
        if (request.authority() == null) {
            return false;
        }
        String scheme = request.isSSL() || forwardedOverHttps(request) ? "https" : "http";
        return originOf(scheme + "://" + request.authority()).equals(normalized);
    }

    /** Behind a TLS-terminating proxy, the browser's origin is the proxy's HTTPS one. */
    private boolean forwardedOverHttps(HttpServerRequest request) {
        return !proxies.isEmpty() && request.remoteAddress() != null
                && proxies.contains(request.remoteAddress().hostAddress())
                && "https".equalsIgnoreCase(request.getHeader("X-Forwarded-Proto"));
    }

    /** {@code scheme://host[:port]}, lower case, without the scheme's default port. */
    static String originOf(String url) {
        try {
            URI uri = URI.create(url.trim());
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            int port = uri.getPort();
            boolean defaultPort = port == -1 || ("https".equals(scheme) && port == 443) || ("http".equals(scheme) && port == 80);
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
        } catch (RuntimeException e) {
            return "";
        }
    }

    private void refuse(RoutingContext context, String detail) {
        Problem problem = new Problem(Problem.type("cross-site-request"), "Cross-site request refused", 403, detail,
                context.request().path(), null);
        try {
            context.response().setStatusCode(403).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .end(json.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A problem always encodes", e);
        }
    }
}
