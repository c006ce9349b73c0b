package org.pumppki.api.admin;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.pumppki.ca.crypto.AlgorithmPreset;
import org.pumppki.ca.security.Role;
import org.pumppki.ca.service.PkiException;
import org.pumppki.ca.service.certificate.CertificateIssuance;
import org.pumppki.ca.service.certificate.CertificateQueries;
import org.pumppki.ca.service.certificate.ServerKeyGeneration;
import org.pumppki.ca.service.device.DeviceLifecycle;
import org.pumppki.ca.service.device.EnrollmentCodes;
import org.pumppki.ca.store.CertificateSearch;

/** What happens to one device: enrollment, enrollment codes and lifecycle moves. */
@Path("/api/v1/devices/{id}")
@Transactional
@Tag(name = "Devices")
@Produces(MediaType.APPLICATION_JSON)
public class DeviceActionsResource {

    static final String PKCS12 = "application/x-pkcs12";

    /** A certificate request: a CSR, or server-side key generation for devices that cannot make a key. */
    @Schema(name = "EnrollmentRequest")
    public record EnrollmentRequest(
            @Schema(description = "PKCS#10 request, PEM") String csr,
            @Schema(description = "Defaults by device kind", example = "pump") String profile,
            @Schema(description = "Instead of a CSR: generate the key here and answer a PKCS#12") KeyGeneration keyGeneration) {
    }

    /** Server-side key generation: the PKCS#12 passphrase and the key algorithm. */
    @Schema(name = "KeyGeneration")
    public record KeyGeneration(
            @Schema(description = "At least 12 characters") String passphrase,
            @Schema(example = "ec-p256-sha256", description = "Default ec-p256-sha256") String algorithm) {
    }

    private final DeviceLifecycle lifecycle;
    private final CertificateIssuance issuance;
    private final ServerKeyGeneration keyGeneration;
    private final EnrollmentCodes enrollmentCodes;
    private final CertificateQueries certificates;
    private final DeviceViews views;
    private final Callers callers;
    private final Clock clock;

    DeviceActionsResource(DeviceLifecycle lifecycle, CertificateIssuance issuance, ServerKeyGeneration keyGeneration,
            EnrollmentCodes enrollmentCodes, CertificateQueries certificates, DeviceViews views, Callers callers, Clock clock) {
        this.lifecycle = lifecycle;
        this.issuance = issuance;
        this.keyGeneration = keyGeneration;
        this.enrollmentCodes = enrollmentCodes;
        this.certificates = certificates;
        this.views = views;
        this.callers = callers;
        this.clock = clock;
    }

    @POST
    @Path("certificates")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, PKCS12})
    @RolesAllowed({Role.Names.ADMIN, Role.Names.BIOMED})
    @Operation(summary = "Enroll the device", description = "Issues a certificate for the key of a PKCS#10 request; "
            + "or, with keyGeneration, generates the key here and answers a PKCS#12 protected by the passphrase "
            + "(the private key is not stored).")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
            @ExampleObject(name = "csr", value = "{\"csr\": \"-----BEGIN CERTIFICATE REQUEST-----\\n...\\n-----END CERTIFICATE REQUEST-----\", \"profile\": \"pump\"}"),
            @ExampleObject(name = "server key generation", value = "{\"keyGeneration\": {\"passphrase\": \"a long passphrase\", \"algorithm\": \"ec-p256-sha256\"}}")}))
    @APIResponse(responseCode = "201", description = "Issued (JSON with PEM, or a PKCS#12 for keyGeneration)")
    @APIResponse(responseCode = "400", description = "Malformed CSR")
    @APIResponse(responseCode = "409", description = "The device is not in service")
    @APIResponse(responseCode = "422", description = "Refused by policy: weak key, names outside the profile, key used by another device")
    public Response enroll(@PathParam("id") UUID id, EnrollmentRequest request) {
        EnrollmentRequest body = RequestBodies.required(request);
        Optional<String> profile = Optional.ofNullable(body.profile());
        if (body.keyGeneration() != null) {
            if (body.csr() != null) {
                throw PkiException.invalidInput("csr-and-key-generation", "Send either a CSR or keyGeneration, not both.");
            }
            String algorithm = Optional.ofNullable(body.keyGeneration().algorithm()).orElse("ec-p256-sha256");
            AlgorithmPreset preset;
            try {
                preset = AlgorithmPreset.fromConfig(algorithm);
            } catch (IllegalArgumentException e) {
                throw PkiException.invalidInput("invalid-algorithm", e.getMessage());
            }
            char[] passphrase = body.keyGeneration().passphrase() == null ? null : body.keyGeneration().passphrase().toCharArray();
            ServerKeyGeneration.KeyAndCertificate result = keyGeneration.generate(callers.current(), id, profile, preset, passphrase);
            return Response.status(Response.Status.CREATED).type(PKCS12).entity(result.pkcs12())
                    .header("Content-Disposition", "attachment; filename=\"" + result.issued().record().serialNumber + ".p12\"")
                    .header("X-Certificate-Serial", result.issued().record().serialNumber).build();
        }
        if (body.csr() == null || body.csr().isBlank()) {
            throw PkiException.invalidInput("missing-csr", "Send a PEM certificate request in 'csr', or 'keyGeneration'.");
        }
        var issued = issuance.issueFromCsr(callers.current(), id, body.csr().getBytes(StandardCharsets.US_ASCII), profile);
        return Response.status(Response.Status.CREATED).type(MediaType.APPLICATION_JSON)
                .entity(EnrollmentResponse.of(issued, clock)).build();
    }

    @GET
    @Path("certificates")
    @RolesAllowed({Role.Names.ADMIN, Role.Names.BIOMED, Role.Names.AUDITOR})
    @Operation(summary = "The device's certificates", description = "Newest first.")
    public List<CertificateView> certificates(@PathParam("id") UUID id) {
        CertificateSearch search = new CertificateSearch(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(id), Optional.empty(), null);
        return certificates.search(search, 0, ListParameters.MAX_PAGE_SIZE).items().stream()
                .map(c -> CertificateView.of(c, clock)).toList();
    }

    @POST
    @Path("enrollment-codes")
    @RolesAllowed({Role.Names.ADMIN, Role.Names.BIOMED})
    @Operation(summary = "Create a one-time EST enrollment code",
            description = "The pump or its vendor gateway presents it over EST (HTTP Basic inside TLS). It is shown "
                    + "only in this answer, expires, and works once.")
    @APIResponse(responseCode = "201", description = "{ \"code\", \"expiresAt\" }")
    public Response enrollmentCode(@PathParam("id") UUID id) {
        return Response.status(Response.Status.CREATED).entity(enrollmentCodes.create(callers.current(), id)).build();
    }

    @POST
    @Path("quarantine")
    @RolesAllowed({Role.Names.ADMIN, Role.Names.BIOMED})
    @Operation(summary = "Quarantine the device", description = "Puts its valid certificates on hold (certificateHold).")
    @APIResponse(responseCode = "409", description = "Not allowed from the device's current state")
    public DeviceView quarantine(@PathParam("id") UUID id) {
        return views.of(lifecycle.quarantine(callers.current(), id));
    }

    @POST
    @Path("release")
    @RolesAllowed({Role.Names.ADMIN, Role.Names.BIOMED})
    @Operation(summary = "Release the device from quarantine", description = "Lifts the hold of its certificates.")
    @APIResponse(responseCode = "409", description = "The device is not quarantined")
    public DeviceView release(@PathParam("id") UUID id) {
        return views.of(lifecycle.release(callers.current(), id));
    }

    @POST
    @Path("approve")
    @RolesAllowed({Role.Names.ADMIN, Role.Names.BIOMED})
    @Operation(summary = "Approve a pending device", description = "A pump that onboarded itself over EST with its "
            + "manufacturer certificate waits as pending; once approved, its next EST request is enrolled.")
    @APIResponse(responseCode = "409", description = "The device is not pending")
    public DeviceView approve(@PathParam("id") UUID id) {
        return views.of(lifecycle.approve(callers.current(), id));
    }

    @POST
    @Path("decommission")
    @RolesAllowed({Role.Names.ADMIN, Role.Names.BIOMED})
    @Operation(summary = "Decommission the device", description = "Revokes all its certificates (cessationOfOperation). Final.")
    @APIResponse(responseCode = "409", description = "Already decommissioned")
    public DeviceView decommission(@PathParam("id") UUID id) {
        return views.of(lifecycle.decommission(callers.current(), id));
    }

    @POST
    @Path("report-lost")
    @RolesAllowed({Role.Names.ADMIN, Role.Names.BIOMED})
    @Operation(summary = "Report the device lost or stolen", description = "Revokes all its certificates (keyCompromise).")
    @APIResponse(responseCode = "409", description = "Not allowed from the device's current state")
    public DeviceView reportLost(@PathParam("id") UUID id) {
        return views.of(lifecycle.reportLost(callers.current(), id));
    }
}
