package org.pumppki.api.est;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.pumppki.ca.crypto.CertsOnlyPkcs7;
import org.pumppki.ca.crypto.KeyPolicy;
import org.pumppki.ca.crypto.RequestRejectedException;
import org.pumppki.ca.crypto.UntrustedCsr;
import org.pumppki.ca.service.Failure;
import org.pumppki.ca.service.PkiException;
import org.pumppki.ca.service.authority.CertificateAuthorities;
import org.pumppki.ca.service.certificate.IssuedCertificate;
import org.pumppki.ca.service.certificate.ServerKeyGeneration;
import org.pumppki.ca.service.est.EstEnrollment;
import org.pumppki.ca.service.est.EstOutcome;
import org.pumppki.ca.service.est.EstPolicy;

/**
 * EST (RFC 7030) for pumps and vendor gateways, on the HTTPS listener only: {@code cacerts},
 * {@code csrattrs}, {@code simpleenroll}, {@code simplereenroll} and, where a label enables it,
 * {@code serverkeygen}, each under {@code /.well-known/est/} and {@code /.well-known/est/<label>/}.
 * Authentication is the protocol's own: HTTP Basic with the device serial and a one-time code, a
 * manufacturer device certificate, or the device's current certificate over mutual TLS.
 */
@Path("/.well-known/est")
@Tag(name = "EST")
public class EstResource {

    private final EstEnrollment enrollment;
    private final EstLabels labels;
    private final CertificateAuthorities authorities;
    private final EstRefusals refusals;
    private final MeterRegistry metrics;
    private final io.quarkus.vertx.http.runtime.CurrentVertxRequest current;

    EstResource(EstEnrollment enrollment, EstLabels labels, CertificateAuthorities authorities, EstRefusals refusals,
            MeterRegistry metrics, io.quarkus.vertx.http.runtime.CurrentVertxRequest current) {
        this.current = current;
        this.enrollment = enrollment;
        this.labels = labels;
        this.authorities = authorities;
        this.refusals = refusals;
        this.metrics = metrics;
    }

    @GET
    @Path("cacerts")
    @Operation(summary = "The CA chain (certs-only PKCS#7, base64)", description = "RFC 7030 section 4.1; no authentication.")
    public Response cacerts() {
        return cacerts(labels.unlabelled());
    }

    @GET
    @Path("{label}/cacerts")
    @Operation(summary = "The CA chain of a label")
    public Response cacerts(@PathParam("label") String label) {
        return cacerts(label(label));
    }

    @GET
    @Path("csrattrs")
    @Operation(summary = "What a request should contain (application/csrattrs)", description = "RFC 7030 section 4.5.")
    public Response csrattrs() {
        return csrattrs(labels.unlabelled());
    }

    @GET
    @Path("{label}/csrattrs")
    @Operation(summary = "What a request to this label should contain")
    public Response csrattrs(@PathParam("label") String label) {
        return csrattrs(label(label));
    }

    @POST
    @Path("simpleenroll")
    @Operation(summary = "Enroll (PKCS#10, base64)", description = "RFC 7030 section 4.2.1. HTTP Basic with the device "
            + "serial and a one-time enrollment code, or a manufacturer device certificate (zero-touch).")
    public Response simpleenroll(@Context HttpHeaders headers, @Context HttpServerRequest request, InputStream body) {
        return simpleenroll(labels.unlabelled(), headers, request, body);
    }

    @POST
    @Path("{label}/simpleenroll")
    @Operation(summary = "Enroll under a label")
    public Response simpleenroll(@PathParam("label") String label, @Context HttpHeaders headers,
            @Context HttpServerRequest request, InputStream body) {
        return simpleenroll(label(label), headers, request, body);
    }

    @POST
    @Path("simplereenroll")
    @Operation(summary = "Re-enroll with the current certificate over mutual TLS", description = "RFC 7030 section 4.2.2; "
            + "subject and subjectAltName must equal the current certificate's.")
    public Response simplereenroll(@Context HttpHeaders headers, @Context HttpServerRequest request, InputStream body) {
        return simplereenroll(labels.unlabelled(), headers, request, body);
    }

    @POST
    @Path("{label}/simplereenroll")
    @Operation(summary = "Re-enroll under a label")
    public Response simplereenroll(@PathParam("label") String label, @Context HttpHeaders headers,
            @Context HttpServerRequest request, InputStream body) {
        return simplereenroll(label(label), headers, request, body);
    }

    @POST
    @Path("serverkeygen")
    @Operation(summary = "Enroll with a key generated by the server", description = "RFC 7030 section 4.4; off unless "
            + "the label enables it. Answers multipart/mixed: the key (PKCS#8) and the certificate (PKCS#7).")
    public Response serverkeygen(@Context HttpHeaders headers, @Context HttpServerRequest request, InputStream body) {
        return serverkeygen(labels.unlabelled(), headers, request, body);
    }

    @POST
    @Path("{label}/serverkeygen")
    @Operation(summary = "Server-side key generation under a label")
    public Response serverkeygen(@PathParam("label") String label, @Context HttpHeaders headers,
            @Context HttpServerRequest request, InputStream body) {
        return serverkeygen(label(label), headers, request, body);
    }

    private Response cacerts(EstLabels.Label label) {
        return measured("cacerts", null, () -> {
            byte[] certsOnly = CertsOnlyPkcs7.encode(authorities.issuingChain(label.policy().caName()));
            return certsOnly(Response.ok(), certsOnly, label.rawDer());
        });
    }

    private Response csrattrs(EstLabels.Label label) {
        return measured("csrattrs", null, () -> encoded(Response.ok().type(EstMessages.CSR_ATTRS), CsrAttributes.der(), label.rawDer()));
    }

    private Response simpleenroll(EstLabels.Label label, HttpHeaders headers, HttpServerRequest request, InputStream body) {
        return measured("simpleenroll", request, () -> {
            byte[] csr = pkcs10(headers, body, label.rawDer());
            DeviceCredentials credentials = DeviceCredentials.of(headers, request);
            String source = source(request);
            if (credentials.basic().isPresent()) {
                BasicCredentials basic = credentials.basic().get();
                return issued(enrollment.enrollWithCode(basic.serial(), basic.code(), source, csr, label.policy()), label.rawDer());
            }
            EstOutcome outcome = enrollment.enrollWithDeviceCertificate(credentials.clientChain(), source, csr, label.policy());
            if (outcome instanceof EstOutcome.Pending pending) {
                return pending(pending.retryAfterSeconds());
            }
            return issued(((EstOutcome.Issued) outcome).certificate(), label.rawDer());
        });
    }

    private Response simplereenroll(EstLabels.Label label, HttpHeaders headers, HttpServerRequest request, InputStream body) {
        return measured("simplereenroll", request, () -> {
            byte[] csr = pkcs10(headers, body, label.rawDer());
            List<X509Certificate> clientChain = DeviceCredentials.clientChain(request);
            if (clientChain.isEmpty()) {
                throw new PkiException(Failure.UNAUTHENTICATED, "client-certificate-required",
                        "Re-enrollment is authenticated with the current certificate over mutual TLS.");
            }
            return issued(enrollment.reenroll(clientChain.get(0), source(request), csr, label.policy()), label.rawDer());
        });
    }

    private Response serverkeygen(EstLabels.Label label, HttpHeaders headers, HttpServerRequest request, InputStream body) {
        if (!label.serverKeygen()) {
            return Response.status(Response.Status.NOT_FOUND).type("text/plain")
                    .entity("Server-side key generation is not enabled here.\n").build();
        }
        return measured("serverkeygen", request, () -> {
            byte[] csr = pkcs10(headers, body, label.rawDer());
            DeviceCredentials credentials = DeviceCredentials.of(headers, request);
            // The request names the device; its key is a placeholder (RFC 7030 section 4.4.1), so it is only checked to parse.
            try {
                UntrustedCsr.parse(csr, KeyPolicy.DEFAULT);
            } catch (RequestRejectedException e) {
                throw PkiException.invalidInput("malformed-request", e.getMessage());
            }
            String source = source(request);
            Optional<ServerKeyGeneration.KeyOverTls> generated = credentials.basic().isPresent()
                    ? Optional.of(enrollment.serverKeygenWithCode(credentials.basic().get().serial(),
                            credentials.basic().get().code(), source, label.policy()))
                    : enrollment.serverKeygenWithDeviceCertificate(credentials.clientChain(), source, label.policy());
            if (generated.isEmpty()) {
                return pending(enrollment.retryAfterSeconds());
            }
            String boundary = "pumppki-" + UUID.randomUUID();
            byte[] certsOnly = CertsOnlyPkcs7.encode(List.of(generated.get().issued().certificate()));
            return Response.ok(EstMessages.serverKeygenBody(boundary, generated.get().pkcs8(), certsOnly))
                    .type("multipart/mixed; boundary=" + boundary).build();
        });
    }

    /**
     * The PKCS#10 body. It is read before anything else is decided: a connection whose request was
     * left unread cannot carry the answer (a 401 challenge included) back.
     */
    private static byte[] pkcs10(HttpHeaders headers, InputStream body, boolean rawDer) {
        EstMessages.requirePkcs10(headers.getHeaderString(HttpHeaders.CONTENT_TYPE));
        return EstMessages.readCsr(body, rawDer);
    }

    private EstLabels.Label label(String name) {
        return labels.find(name).orElseThrow(() -> PkiException.notFound("unknown-label", "No EST label '" + name + "'."));
    }

    private static Response issued(IssuedCertificate issued, boolean rawDer) {
        return certsOnly(Response.ok(), CertsOnlyPkcs7.encode(List.of(issued.certificate())), rawDer);
    }

    private static Response certsOnly(Response.ResponseBuilder response, byte[] certsOnly, boolean rawDer) {
        return encoded(response.type(EstMessages.CERTS_ONLY), certsOnly, rawDer);
    }

    private static Response encoded(Response.ResponseBuilder response, byte[] der, boolean rawDer) {
        response.entity(EstMessages.encode(der, rawDer));
        if (!rawDer) {
            response.header("Content-Transfer-Encoding", "base64");
        }
        return response.build();
    }

    private static Response pending(int retryAfterSeconds) {
        // No body: Bouncy Castle's EST client closes a 202 unread and fails on any content.
        return Response.status(Response.Status.ACCEPTED).header(HttpHeaders.RETRY_AFTER, retryAfterSeconds).build();
    }

    /** The client's address: the peer, or the client a trusted proxy named. */
    private String source(HttpServerRequest request) {
        if (current.getCurrent() != null) {
            return org.pumppki.ca.security.ClientAddress.of(current.getCurrent());
        }
        return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    }

    /** Counts each operation by outcome and times it; refusals are audited on their way out. */
    private Response measured(String operation, HttpServerRequest request, Supplier<Response> handler) {
        Timer.Sample sample = Timer.start(metrics);
        Response response;
        try {
            response = handler.get();
        } catch (RuntimeException e) {
            response = refusals.answer(operation, request == null ? null : source(request), e);
        }
        String outcome = response.getStatus() < 300 ? (response.getStatus() == 202 ? "pending" : "success")
                : response.getStatus() < 500 ? "refused" : "error";
        sample.stop(metrics.timer("pki.est.requests", "operation", operation, "outcome", outcome));
        return response;
    }
}
