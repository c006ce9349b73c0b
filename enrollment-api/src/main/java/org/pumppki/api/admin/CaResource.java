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
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.cert.X509CertificateHolder;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.pumppki.ca.crypto.Pem;
import org.pumppki.ca.crypto.RevocationReason;
import org.pumppki.ca.security.Role;
import org.pumppki.ca.service.PkiException;
import org.pumppki.ca.service.authority.CaHierarchy;
import org.pumppki.ca.service.authority.CertificateAuthorities;
import org.pumppki.ca.service.authority.IssuingCaLifecycle;
import org.pumppki.ca.store.CertificateAuthorityRecord;

/** The CA hierarchy. Reading is for every role; changes are for administrators. */
@Path("/api/v1/cas")
@Transactional
@Tag(name = "Certificate authorities")
@Produces(MediaType.APPLICATION_JSON)
public class CaResource {

    /** A CA as listed. */
    @Schema(name = "CertificateAuthority")
    public record CaView(long id, String name, @Schema(enumeration = {"root", "issuing"}) String role,
            @Schema(enumeration = {"pending", "active", "retired", "revoked"}) String status, String subject, String parent,
            @Schema(description = "soft, pkcs11, or absent for an external root") String keyStore, String algorithm,
            Instant notBefore, Instant notAfter, String sha256Fingerprint, boolean isDefault,
            @Schema(description = "Only for a revoked CA") Instant revokedAt,
            @Schema(description = "Only for a revoked CA", example = "cACompromise") String revocationReason) {
        static CaView of(CertificateAuthorityRecord ca) {
            return new CaView(ca.id, ca.name, ca.role.label(), ca.status.label(), ca.subjectDn,
                    ca.parent == null ? null : ca.parent.name, ca.key == null ? null : ca.key.kind,
                    ca.key == null ? null : ca.key.preset.toLowerCase(Locale.ROOT).replace('_', '-'),
                    ca.notBefore, ca.notAfter, ca.sha256Fingerprint, ca.isDefault, ca.revokedAt, ca.revocationReason);
        }
    }

    /** Why an issuing CA is revoked. */
    @Schema(name = "CaRevocation")
    public record CaRevocation(@Schema(example = "cACompromise", enumeration = {"cACompromise", "keyCompromise",
            "affiliationChanged", "superseded", "cessationOfOperation", "privilegeWithdrawn", "unspecified"}) String reason) {
    }

    /** A new CA. */
    @Schema(name = "NewCertificateAuthority")
    public record NewCa(
            @Schema(example = "issuing-2", description = "Lower-case letters, digits and '-'; used in URLs") String name,
            @Schema(example = "CN=PumpPKI Issuing CA 2,O=General Hospital") String subject,
            @Schema(enumeration = {"root", "issuing"}) String role,
            @Schema(description = "For an issuing CA: name of our root CA that signs it, or 'external' for an "
                    + "enterprise root (the CA then waits for its certificate)", example = "root") String parent,
            @Schema(example = "ec-p256-sha256") String algorithm,
            @Schema(enumeration = {"soft", "pkcs11"}) String keyStore,
            @Schema(example = "3652", description = "Validity in days") Integer validityDays) {
    }

    private final CertificateAuthorities authorities;
    private final CaHierarchy hierarchy;
    private final IssuingCaLifecycle lifecycle;
    private final Callers callers;

    CaResource(CertificateAuthorities authorities, CaHierarchy hierarchy, IssuingCaLifecycle lifecycle, Callers callers) {
        this.authorities = authorities;
        this.hierarchy = hierarchy;
        this.lifecycle = lifecycle;
        this.callers = callers;
    }

    @GET
    @RolesAllowed({Role.Names.ADMIN, Role.Names.BIOMED, Role.Names.AUDITOR})
    @Operation(summary = "List CAs")
    public List<CaView> list() {
        return authorities.list().stream().map(CaView::of).toList();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Role.Names.ADMIN, Role.Names.BIOMED, Role.Names.AUDITOR})
    @Operation(summary = "Get a CA")
    public CaView get(@PathParam("id") long id) {
        return CaView.of(authorities.get(id));
    }

    @GET
    @Path("{id}/chain")
    @Produces(CertificateResource.PEM)
    @RolesAllowed({Role.Names.ADMIN, Role.Names.BIOMED, Role.Names.AUDITOR})
    @Operation(summary = "The CA's certificate and its parents up to the root, PEM")
    public String chain(@PathParam("id") long id) {
        return Pem.certificates(authorities.chain(authorities.get(id)));
    }

    @GET
    @Path("{id}/csr")
    @Produces(CertificateResource.PEM)
    @RolesAllowed(Role.Names.ADMIN)
    @Operation(summary = "The CSR of a CA waiting for its certificate from an enterprise root")
    @APIResponse(responseCode = "409", description = "The CA is not waiting for a certificate")
    public String csr(@PathParam("id") long id) {
        CertificateAuthorityRecord ca = authorities.get(id);
        if (ca.csr == null) {
            throw PkiException.conflict("ca-not-pending", "The CA '" + ca.name + "' is not waiting for a certificate.");
        }
        return Pem.encode(Pem.CERTIFICATE_REQUEST, ca.csr);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.Names.ADMIN)
    @Operation(summary = "Create a CA", description = "A root, an issuing CA under one of our roots (active at once), "
            + "or an issuing CA for an enterprise root (parent 'external': key and CSR now, certificate imported later).")
    @APIResponse(responseCode = "201", description = "Created")
    public Response create(NewCa request, UriInfo uri) {
        NewCa body = RequestBodies.required(request);
        CaHierarchy.NewCa spec = spec(body);
        CertificateAuthorityRecord created;
        if ("root".equals(body.role())) {
            created = hierarchy.createRoot(callers.current(), spec);
        } else if (!"issuing".equals(body.role())) {
            throw ListParameters.invalid("role", body.role(), "root, issuing");
        } else if ("external".equals(body.parent())) {
            created = hierarchy.createPendingIssuing(callers.current(), spec);
        } else {
            String parent = body.parent() == null ? "" : body.parent();
            created = hierarchy.createIssuing(callers.current(), spec, authorities.byName(parent).id);
        }
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(created.id)).build())
                .entity(CaView.of(created)).build();
    }

    @POST
    @Path("{id}/certificate")
    @Consumes(CertificateResource.PEM)
    @RolesAllowed(Role.Names.ADMIN)
    @Operation(summary = "Import the certificate signed by the enterprise root",
            description = "PEM: the issuing CA certificate, any intermediates, then the enterprise root. The chain is "
                    + "validated and must certify the key PumpPKI holds; the CA then becomes active.")
    @APIResponse(responseCode = "422", description = "Wrong key, not a CA certificate, or the chain does not validate")
    public CaView importCertificate(@PathParam("id") long id, String pem) {
        List<X509CertificateHolder> chain;
        try {
            chain = Pem.readCertificates(pem == null ? "" : pem);
        } catch (RuntimeException e) {
            throw PkiException.invalidInput("malformed-pem", "The body must be PEM certificates.");
        }
        return CaView.of(hierarchy.importCertificate(callers.current(), id, chain));
    }

    @POST
    @Path("{id}/default")
    @RolesAllowed(Role.Names.ADMIN)
    @Operation(summary = "Make this issuing CA the default for new certificates")
    public CaView makeDefault(@PathParam("id") long id) {
        return CaView.of(hierarchy.makeDefault(callers.current(), id));
    }

    @POST
    @Path("{id}/retire")
    @RolesAllowed(Role.Names.ADMIN)
    @Operation(summary = "Retire an issuing CA", description = "It issues nothing more; its OCSP responder and CRL keep "
            + "answering for the certificates it issued. The default CA cannot be retired.")
    @APIResponse(responseCode = "409", description = "Not an active issuing CA, or the default")
    public CaView retire(@PathParam("id") long id) {
        return CaView.of(lifecycle.retire(callers.current(), id));
    }

    @POST
    @Path("{id}/revoke")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.Names.ADMIN)
    @Operation(summary = "Revoke an issuing CA", description = "For good. The root's OCSP responder answers revoked for "
            + "it and the root's CRL lists it; the certificates it issued are answered revoked. A revoked default CA "
            + "stops being the default: make another CA the default to issue again.")
    @APIResponse(responseCode = "409", description = "Already revoked, a root, or certified by an enterprise root")
    public CaView revoke(@PathParam("id") long id, CaRevocation revocationRequest) {
        CaRevocation body = RequestBodies.required(revocationRequest);
        RevocationReason reason;
        try {
            reason = RevocationReason.fromApiName(body.reason() == null ? "unspecified" : body.reason());
        } catch (IllegalArgumentException e) {
            throw PkiException.invalidInput("invalid-reason", "'" + body.reason() + "' is not an RFC 5280 reason such as "
                    + "cACompromise, superseded or cessationOfOperation.");
        }
        return CaView.of(lifecycle.revoke(callers.current(), id, reason));
    }

    private static CaHierarchy.NewCa spec(NewCa body) {
        return CaHierarchy.NewCa.parse(body.name(), body.subject(), body.algorithm(), body.keyStore(), body.validityDays());
    }
}
