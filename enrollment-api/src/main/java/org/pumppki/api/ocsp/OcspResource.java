package org.pumppki.api.ocsp;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.pumppki.ca.crypto.OcspReply;
import org.pumppki.ca.security.ClientAddress;
import org.pumppki.ca.service.revocation.OcspService;

/**
 * The OCSP responder (RFC 6960 Appendix A), at the URL written into every certificate's AIA.
 * Public: RADIUS servers ask it at every Wi-Fi login. Bad input gets the unsigned
 * {@code malformedRequest} status, never an error page.
 */
@Path("/ocsp")
@Tag(name = "Revocation status", description = "OCSP, CRLs and CA certificates for relying parties")
public class OcspResource {

    static final String REQUEST_TYPE = "application/ocsp-request";
    static final String RESPONSE_TYPE = "application/ocsp-response";
    /** OCSP requests are a few hundred bytes; nothing legitimate comes near this. */
    static final int MAX_REQUEST_BYTES = 64 * 1024;

    private final OcspService ocsp;
    private final MeterRegistry metrics;
    private final Clock clock;

    OcspResource(OcspService ocsp, MeterRegistry metrics, Clock clock) {
        this.ocsp = ocsp;
        this.metrics = metrics;
        this.clock = clock;
    }

    @POST
    @Operation(summary = "OCSP request by POST", description = "Body: DER OCSPRequest (application/ocsp-request).")
    public Response post(InputStream body, @Context RoutingContext request) {
        byte[] der = readLimited(body);
        if (der == null) {
            metrics.counter("pki.ocsp.responses", "method", "POST", "status", "too-large", "presigned", "false").increment();
            return tooLarge();
        }
        OcspService.Answer answer = ocsp.answer(der, requester(request));
        count("POST", answer);
        return Response.ok(answer.reply().encoded(), RESPONSE_TYPE).header("Cache-Control", "no-store").build();
    }

    @GET
    @Path("{request: .+}")
    @Operation(summary = "OCSP request by GET", description = "Path: base64 (URL-encoded) of the DER OCSPRequest. "
            + "Answers to requests without a nonce may be cached until nextUpdate.")
    public Response get(@PathParam("request") String encoded, @Context RoutingContext request) {
        byte[] der = decode(encoded);
        OcspService.Answer answer = ocsp.answer(der, requester(request));
        count("GET", answer);
        Response.ResponseBuilder response = Response.ok(answer.reply().encoded(), RESPONSE_TYPE);
        OcspReply reply = answer.reply();
        if (answer.presigned() && reply.nextUpdate().isPresent()) {
            Instant now = clock.instant();
            long maxAge = Math.max(0, Duration.between(now, reply.nextUpdate().get()).toSeconds());
            response.header("Cache-Control", "max-age=" + maxAge + ", public, no-transform, must-revalidate")
                    .header("Expires", DateTimeFormatter.RFC_1123_DATE_TIME.format(reply.nextUpdate().get().atOffset(ZoneOffset.UTC)))
                    .header("Last-Modified", DateTimeFormatter.RFC_1123_DATE_TIME.format(now.atOffset(ZoneOffset.UTC)));
        } else {
            response.header("Cache-Control", "no-store");
        }
        return response.build();
    }

    private void count(String method, OcspService.Answer answer) {
        metrics.counter("pki.ocsp.responses", "method", method,
                "status", answer.reply().status().name().toLowerCase(Locale.ROOT),
                "presigned", String.valueOf(answer.presigned())).increment();
    }

    /** Refused before parsing: nothing legitimate is this large (a chunked body, counted as it is read). */
    static Response tooLarge() {
        return Response.status(Response.Status.REQUEST_ENTITY_TOO_LARGE).type("text/plain")
                .entity("OCSP requests are limited to " + MAX_REQUEST_BYTES + " octets\n").build();
    }

    /** The body, or null when it is larger than any OCSP request (answered 413). */
    private static byte[] readLimited(InputStream body) {
        try (InputStream in = body) {
            byte[] bytes = in.readNBytes(MAX_REQUEST_BYTES + 1);
            return bytes.length > MAX_REQUEST_BYTES ? null : bytes;
        } catch (IOException e) {
            return null;
        }
    }

    /** Standard or URL-safe base64, padded or not; anything else decodes to nothing (malformedRequest). */
    private static byte[] decode(String encoded) {
        if (encoded.length() > MAX_REQUEST_BYTES * 2) {
            return new byte[0];
        }
        try {
            String text = encoded.replace('-', '+').replace('_', '/').replaceAll("\\s", "");
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    /** The RADIUS or pump server that asked: the peer, or the client a trusted proxy names. */
    private static String requester(RoutingContext request) {
        return ClientAddress.of(request);
    }
}
