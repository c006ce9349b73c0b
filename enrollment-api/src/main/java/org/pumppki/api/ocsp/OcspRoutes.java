package org.pumppki.api.ocsp;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import org.pumppki.ca.crypto.OcspReply;
import org.pumppki.ca.crypto.OcspResponseStatus;
import org.pumppki.ca.security.ClientAddress;
import org.pumppki.ca.service.revocation.OcspService;

/**
 * The OCSP responder (RFC 6960 Appendix A) at the URL written into every certificate's AIA:
 * public, asked by RADIUS and pump servers at every Wi-Fi login. Served by Vert.x routes ahead of
 * the security and REST layers, without a database round trip.
 *
 * <p>The request is read on the event loop and answered there when nothing needs signing (a
 * pre-signed answer still fresh, a malformed request). A request that must be signed (one with a
 * nonce, or the first for a certificate since its status changed) is signed on the event loop too
 * when the responder keys are software keys: an EC P-256 signature is about 0.1 ms of CPU and
 * never waits, and handing it to a worker thread and back costs as much again in thread wake-ups
 * (measured in {@code docs/performance.md}). With a key in a PKCS#11 token, whose calls may wait
 * on the device or the network, it is signed on a worker thread so the event loop never waits.
 *
 * <p>Bad input gets the unsigned {@code malformedRequest} status, never an error page; a body
 * larger than any OCSP request gets 413 before it is buffered.
 */
@ApplicationScoped
public class OcspRoutes {

    static final String RESPONSE_TYPE = "application/ocsp-response";
    /** OCSP requests are a few hundred bytes; nothing legitimate comes near this. */
    static final int MAX_REQUEST_BYTES = 64 * 1024;
    /** After the transport filters (client address, HTTPS only, cross-site requests), before security and REST. */
    private static final int ROUTE_ORDER = -700;
    private static final String GET_PREFIX = "/ocsp/";
    private static final Logger LOG = Logger.getLogger(OcspRoutes.class);

    private final OcspService ocsp;
    private final MeterRegistry metrics;
    private final Clock clock;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    OcspRoutes(OcspService ocsp, MeterRegistry metrics, Clock clock) {
        this.ocsp = ocsp;
        this.metrics = metrics;
        this.clock = clock;
    }

    void install(@Observes Router router) {
        router.post("/ocsp").order(ROUTE_ORDER).handler(this::post);
        router.post("/ocsp/").order(ROUTE_ORDER).handler(this::post);
        router.get("/ocsp/*").order(ROUTE_ORDER).handler(this::get);
    }

    private void post(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (announcedLength(request) > MAX_REQUEST_BYTES) {
            tooLarge(context);
            return;
        }
        if (context.body().available()) {
            Buffer read = context.body().buffer();
            byte[] der = read == null ? new byte[0] : read.getBytes();
            if (der.length > MAX_REQUEST_BYTES) {
                tooLarge(context);
            } else {
                answer(context, "POST", der);
            }
            return;
        }
        if (request.isEnded()) {
            answer(context, "POST", new byte[0]);
            return;
        }
        // A chunked body is counted as it arrives and refused at the same size, never buffered whole.
        Buffer body = Buffer.buffer(512);
        request.handler(chunk -> {
            if (context.response().ended()) {
                return;
            }
            if (body.length() + chunk.length() > MAX_REQUEST_BYTES) {
                tooLarge(context);
            } else {
                body.appendBuffer(chunk);
            }
        });
        request.endHandler(end -> {
            if (!context.response().ended()) {
                answer(context, "POST", body.getBytes());
            }
        });
        request.resume();
    }

    private void get(RoutingContext context) {
        String path = context.request().path();
        byte[] der = path.startsWith(GET_PREFIX) ? decode(path.substring(GET_PREFIX.length())) : new byte[0];
        answer(context, "GET", der);
    }

    private void answer(RoutingContext context, String method, byte[] der) {
        OcspService.Question question = ocsp.read(der, ClientAddress.of(context));
        var ready = ocsp.answerFromMemory(question);
        if (ready.isPresent()) {
            send(context, method, ready.get());
            return;
        }
        if (ocsp.signsWithoutWaiting()) {
            send(context, method, ocsp.answer(question));
            return;
        }
        context.vertx().executeBlocking(() -> ocsp.answer(question), false).onComplete(signed -> {
            if (signed.succeeded()) {
                send(context, method, signed.result());
            } else {
                LOG.debugf("OCSP request not signed: %s", signed.cause().toString());
                send(context, method, new OcspService.Answer(OcspReply.unsigned(OcspResponseStatus.TRY_LATER, null), false));
            }
        });
    }

    private void send(RoutingContext context, String method, OcspService.Answer answer) {
        HttpServerResponse response = context.response();
        if (response.ended() || response.closed()) {
            return;
        }
        OcspReply reply = answer.reply();
        count(method, reply.status().name().toLowerCase(Locale.ROOT), answer.presigned());
        response.putHeader(HttpHeaders.CONTENT_TYPE, RESPONSE_TYPE);
        if ("GET".equals(method) && answer.presigned() && reply.nextUpdate().isPresent()) {
            // RFC 5019 §6: an answer to a request without a nonce may be cached until nextUpdate.
            Instant now = clock.instant();
            Instant nextUpdate = reply.nextUpdate().get();
            long maxAge = Math.max(0, Duration.between(now, nextUpdate).toSeconds());
            response.putHeader(HttpHeaders.CACHE_CONTROL, "max-age=" + maxAge + ", public, no-transform, must-revalidate")
                    .putHeader(HttpHeaders.EXPIRES, DateTimeFormatter.RFC_1123_DATE_TIME.format(nextUpdate.atOffset(ZoneOffset.UTC)))
                    .putHeader(HttpHeaders.LAST_MODIFIED, DateTimeFormatter.RFC_1123_DATE_TIME.format(now.atOffset(ZoneOffset.UTC)));
        } else {
            response.putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        }
        response.end(Buffer.buffer(reply.encoded()));
    }

    private void tooLarge(RoutingContext context) {
        count("POST", "too-large", false);
        context.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, "text/plain")
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end("OCSP requests are limited to " + MAX_REQUEST_BYTES + " octets\n");
    }

    private void count(String method, String status, boolean presigned) {
        counters.computeIfAbsent(method + ' ' + status + ' ' + presigned, key -> metrics.counter("pki.ocsp.responses",
                "method", method, "status", status, "presigned", String.valueOf(presigned))).increment();
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

    /**
     * The DER request of a GET path: base64, standard or URL-safe, padded or not, URL-encoded or
     * not ('+' stays '+'); anything else decodes to nothing, which is answered malformedRequest.
     */
    static byte[] decode(String encoded) {
        if (encoded.length() > MAX_REQUEST_BYTES * 2) {
            return new byte[0];
        }
        try {
            String text = URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8);
            return Base64.getDecoder().decode(text.replace('-', '+').replace('_', '/').replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }
}
