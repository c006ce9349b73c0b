package org.pumppki.api.publication;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.util.Optional;
import org.pumppki.ca.service.revocation.PublicationCache;

/**
 * The fast path of the CRL and CA certificate URLs: when the copy in memory is current, it is
 * written on the event loop, without the REST layer, a worker thread or the database. Anything
 * else (the first fetch after a change, an unknown or encoded name, HEAD) goes on to
 * {@link PublicationResource}, which reads the database and refreshes the copy.
 */
@ApplicationScoped
public class PublicationRoutes {

    /** After the transport filters (client address, HTTPS only, cross-site requests), before the REST layer. */
    private static final int ROUTE_ORDER = -700;

    private final PublicationCache publications;
    private final Clock clock;

    PublicationRoutes(PublicationCache publications, Clock clock) {
        this.publications = publications;
        this.clock = clock;
    }

    void install(@Observes Router router) {
        router.getWithRegex("/crl/([^/%]+)\\.crl").order(ROUTE_ORDER).handler(this::crl);
        router.getWithRegex("/ca/([^/%]+)\\.crt").order(ROUTE_ORDER).handler(this::caCertificate);
    }

    private void crl(RoutingContext context) {
        publications.currentCrl(context.pathParam("param0")).ifPresentOrElse(crl -> {
            var response = context.response().putHeader(HttpHeaders.CONTENT_TYPE, PublicationResource.CRL_TYPE);
            PublicationResource.crlHeaders(crl, clock.instant()).forEach(response::putHeader);
            response.end(Buffer.buffer(crl.der()));
        }, context::next);
    }

    private void caCertificate(RoutingContext context) {
        Optional<byte[]> certificate = publications.currentCaCertificate(context.pathParam("param0"));
        if (certificate.isEmpty()) {
            context.next();
            return;
        }
        context.response().putHeader(HttpHeaders.CONTENT_TYPE, PublicationResource.CERT_TYPE)
                .putHeader(HttpHeaders.CACHE_CONTROL, PublicationResource.CERT_CACHE_CONTROL)
                .end(Buffer.buffer(certificate.get()));
    }
}
