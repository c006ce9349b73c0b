package org.pumppki.api.admin;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.pumppki.ca.crypto.Pem;
import org.pumppki.ca.crypto.RevocationReason;
import org.pumppki.ca.security.Role;
import org.pumppki.ca.service.PkiException;
import org.pumppki.ca.service.certificate.CertificateIssuance;
import org.pumppki.ca.service.certificate.CertificateQueries;
import org.pumppki.ca.service.certificate.CertificateRevocation;
import org.pumppki.ca.store.Certificate;
import org.pumppki.ca.store.CertificateSearch;

/** Issued certificates: lookup, download, revocation, hold, release and renewal. */
@Path("/api/v1/certificates")
@Transactional
@Tag(name = "Certificates")
@Produces(MediaType.APPLICATION_JSON)
public class CertificateResource {

    static final String PEM = "application/x-pem-file";
    static final String DER = "application/pkix-cert";

    /** Why a certificate is revoked. */
    @Schema(name = "Revocation")
    public record Revocation(@Schema(example = "keyCompromise", enumeration = {"keyCompromise", "cACompromise",
            "affiliationChanged", "superseded", "cessationOfOperation", "privilegeWithdrawn", "aACompromise",
            "unspecified"}) String reason) {
    }

    /** A renewal: without a CSR the same key is certified again (renew), with one the new key (rekey). */
    @Schema(name = "Renewal")
    public record Renewal(@Schema(description = "PKCS#10 request for a new key, PEM; absent = same key") String csr) {
    }

    private final CertificateQueries queries;
    private final CertificateRevocation revocation;
    private final CertificateIssuance issuance;
    private final Callers callers;
    private final Clock clock;

    CertificateResource(CertificateQueries queries, CertificateRevocation revocation, CertificateIssuance issuance,
            Callers callers, Clock clock) {
        this.queries = queries;
        this.revocation = revocation;
        this.issuance = issuance;
        this.callers = callers;
        this.clock = clock;
    }

    @GET
    @RolesAllowed({Role.Names.ADMIN, Role.Names.BIOMED, Role.Names.AUDITOR})
    @Operation(summary = "List certificates", description = "Newest first; filters combine with AND.")
    public ListPage<CertificateView> list(
            @QueryParam("status") @Parameter(description = "valid, expired, on-hold or revoked") String status,
            @QueryParam("profile") @Parameter(description = "pump, pump-server, radius-server or ocsp-responder") String profile,
            @QueryParam("ca") @Parameter(description = "Name of the issuing CA") String ca,
            @QueryParam("device") @Parameter(description = "Device id") UUID device,
            @QueryParam("expiringBefore") @Parameter(description = "ISO-8601 instant") String expiringBefore,
            @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("50") int size) {
        ListParameters.checkPage(page, size);
        CertificateSearch search = new CertificateSearch(
                ListParameters.parse("status", status, ListParameters.oneOf("valid", "expired", "on-hold", "revoked"),
                        "valid, expired, on-hold, revoked"),
                ListParameters.parse("profile", profile, ListParameters.oneOf("pump", "pump-server", "radius-server",
                        "ocsp-responder"), "pump, pump-server, radius-server, ocsp-responder"),
                ListParameters.present(ca), Optional.ofNullable(device),
                ListParameters.instant("expiringBefore", expiringBefore), null);
        return ListPage.of(queries.search(search, page, size).map(c -> CertificateView.of(c, clock)));
    }

    @GET
    @Path("{serial}")
    @Produces({MediaType.APPLICATION_JSON, PEM, DER})
    @RolesAllowed({Role.Names.ADMIN, Role.Names.BIOMED, Role.Names.AUDITOR})
    @Operation(summary = "Get a certificate", description = "JSON record by default; format=pem or der for the "
            + "certificate, format=chain for the certificate and its issuers up to the root in PEM.")
    @APIResponse(responseCode = "404", description = "No certificate with this serial number")
    public Response get(@PathParam("serial") String serial,
            @QueryParam("format") @DefaultValue("json") @Parameter(description = "json, pem, der or chain") String format) {
        Certificate certificate = queries.bySerial(serial);
        return switch (format) {
            case "json" -> Response.ok(CertificateView.of(certificate, clock), MediaType.APPLICATION_JSON).build();
            case "pem" -> Response.ok(Pem.encode(Pem.CERTIFICATE, certificate.der), PEM).build();
            case "der" -> Response.ok(certificate.der, DER)
                    .header("Content-Disposition", "attachment; filename=\"" + certificate.serialNumber + ".cer\"").build();
            case "chain" -> Response.ok(Pem.certificates(queries.chainOf(certificate)), PEM).build();
            default -> throw ListParameters.invalid("format", format, "json, pem, der, chain");
        };
    }

    @POST
    @Path("{serial}/revoke")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.Names.ADMIN, Role.Names.BIOMED})
    @Operation(summary = "Revoke a certificate", description = "For good; OCSP answers revoked at once.")
    @APIResponse(responseCode = "409", description = "Already revoked")
    public CertificateView revoke(@PathParam("serial") String serial, Revocation revocationRequest) {
        Revocation body = RequestBodies.required(revocationRequest);
        RevocationReason reason;
        try {
            reason = RevocationReason.fromApiName(body.reason() == null ? "unspecified" : body.reason());
        } catch (IllegalArgumentException e) {
            throw PkiException.invalidInput("invalid-reason", "'" + body.reason() + "' is not an RFC 5280 reason such as "
                    + "keyCompromise, superseded or cessationOfOperation.");
        }
        return CertificateView.of(revocation.revoke(callers.current(), queries.bySerial(serial), reason), clock);
    }

    @POST
    @Path("{serial}/hold")
    @RolesAllowed({Role.Names.ADMIN, Role.Names.BIOMED})
    @Operation(summary = "Put a certificate on hold", description = "certificateHold; can be released.")
    public CertificateView hold(@PathParam("serial") String serial) {
        return CertificateView.of(revocation.hold(callers.current(), queries.bySerial(serial)), clock);
    }

    @POST
    @Path("{serial}/release")
    @RolesAllowed({Role.Names.ADMIN, Role.Names.BIOMED})
    @Operation(summary = "Release a held certificate")
    public CertificateView release(@PathParam("serial") String serial) {
        return CertificateView.of(revocation.release(callers.current(), queries.bySerial(serial)), clock);
    }

    @POST
    @Path("{serial}/renew")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.Names.ADMIN, Role.Names.BIOMED})
    @Operation(summary = "Renew a certificate", description = "Same key without a CSR, new key with one. The old "
            + "certificate stays valid until it expires or is revoked.")
    @APIResponse(responseCode = "201", description = "Issued")
    public Response renew(@PathParam("serial") String serial, Renewal renewal) {
        Optional<byte[]> csr = Optional.ofNullable(renewal).map(Renewal::csr).filter(s -> !s.isBlank())
                .map(s -> s.getBytes(StandardCharsets.US_ASCII));
        var issued = issuance.renew(callers.current(), queries.bySerial(serial), csr);
        return Response.status(Response.Status.CREATED).entity(EnrollmentResponse.of(issued, clock)).build();
    }
}
