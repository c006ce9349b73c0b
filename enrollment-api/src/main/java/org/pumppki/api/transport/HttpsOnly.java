package org.pumppki.api.transport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.pumppki.api.problem.Problem;
import org.pumppki.ca.config.PkiConfig;

/**
 * Keeps the doors that carry credentials (admin API, EST, console) on HTTPS. A request for them
 * over plain HTTP is refused before anything reads its credentials, with a 403 that names the
 * HTTPS URL (metrics and the API description too: they need an operator's account); OCSP, CRLs,
 * CA certificates and health stay on plain HTTP for RADIUS servers and
 * probes. Behind a TLS-terminating proxy, {@code X-Forwarded-Proto: https} is believed from the
 * addresses in {@code pki.http.trusted-proxies} only.
 */
@ApplicationScoped
public class HttpsOnly {

    /** Path prefixes that answer on HTTPS only. */
    static final List<String> PROTECTED = List.of("/api/", "/.well-known/est/", "/console", "/q/metrics",
            "/q/openapi", "/q/swagger-ui");
    /** Before the REST layer and before authentication. */
    private static final int ROUTE_ORDER = -1_000;

    private final ObjectMapper json;
    private final TrustedProxies proxies;
    private final Optional<String> httpsBaseUrl;
    private final int httpsPort;

    HttpsOnly(ObjectMapper json, PkiConfig config, @ConfigProperty(name = "quarkus.http.ssl-port") int httpsPort) {
        this.json = json;
        this.proxies = TrustedProxies.parse(config.http().trustedProxies().orElse(List.of()));
        this.httpsBaseUrl = config.http().httpsBaseUrl().map(url -> url.replaceAll("/+$", ""));
        this.httpsPort = httpsPort;
    }

    void install(@Observes Router router) {
        router.route().order(ROUTE_ORDER).handler(this::filter);
    }

    private void filter(RoutingContext context) {
        HttpServerRequest request = context.request();
        String path = request.path();
        if (request.isSSL() || !isProtected(path) || forwardedOverHttps(request)) {
            context.next();
            return;
        }
        String location = httpsUrl(request) + request.uri();
        if (path.startsWith("/.well-known/est/")) {
            // EST errors are text/plain (RFC 7030 §4.2.3).
            context.response().setStatusCode(403).putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
                    .end("EST is served over HTTPS only: " + location + "\n");
            return;
        }
        Problem problem = new Problem(Problem.type("https-required"), "HTTPS required", 403,
                "This API is served over HTTPS only; credentials sent over plain HTTP were not read. Use " + location,
                path, null);
        context.response().setStatusCode(403).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(encode(problem));
    }

    static boolean isProtected(String path) {
        return path != null && PROTECTED.stream().anyMatch(prefix -> path.startsWith(prefix)
                || path.equals(prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix));
    }

    private boolean forwardedOverHttps(HttpServerRequest request) {
        return !proxies.isEmpty() && request.remoteAddress() != null
                && proxies.contains(request.remoteAddress().hostAddress())
                && "https".equalsIgnoreCase(request.getHeader("X-Forwarded-Proto"));
    }

    private String httpsUrl(HttpServerRequest request) {
        if (httpsBaseUrl.isPresent()) {
            return httpsBaseUrl.get();
        }
        String host = request.authority() == null ? "localhost" : request.authority().host();
        if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return "https://" + host + (httpsPort == 443 ? "" : ":" + httpsPort);
    }

    private String encode(Problem problem) {
        try {
            return json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A problem always encodes", e);
        }
    }
}
