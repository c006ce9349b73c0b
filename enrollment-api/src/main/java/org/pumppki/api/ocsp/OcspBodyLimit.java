package org.pumppki.api.ocsp;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Refuses an OCSP POST that announces a body larger than any OCSP request with 413, before a
 * byte of it is read or buffered; {@link OcspResource} stops a chunked one at the same size.
 */
@ApplicationScoped
public class OcspBodyLimit {

    private static final int ROUTE_ORDER = -800;

    void install(@Observes Router router) {
        router.route("/ocsp").order(ROUTE_ORDER).handler(this::filter);
        router.route("/ocsp/").order(ROUTE_ORDER).handler(this::filter);
    }

    private void filter(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (request.method() == HttpMethod.POST && announcedLength(request) > OcspResource.MAX_REQUEST_BYTES) {
            context.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, "text/plain")
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .end("OCSP requests are limited to " + OcspResource.MAX_REQUEST_BYTES + " octets\n");
            return;
        }
        context.next();
    }

    private static long announcedLength(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return -1;
        }
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
