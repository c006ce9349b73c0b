package org.pumppki.console;

import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.pumppki.ca.crypto.Pem;
import org.pumppki.ca.security.Role;
import org.pumppki.ca.service.PkiException;
import org.pumppki.ca.service.authority.CaHierarchy;
import org.pumppki.ca.service.authority.CertificateAuthorities;
import org.pumppki.ca.service.revocation.RevocationStatus;
import org.pumppki.ca.store.CertificateAuthorityRecord;

/**
 * The CAs with their certificate and CRL downloads and the state of their CRL and OCSP responder;
 * for admins, creating an issuing CA under one of PumpPKI's roots or for an enterprise root, whose
 * CSR they download and whose certificate they import here.
 */
@Path("/console/cas")
@Produces(MediaType.TEXT_HTML)
public class AuthoritiesPage {

    static final String EXTERNAL_PARENT = "external";

    private final RevocationStatus status;
    private final CertificateAuthorities authorities;
    private final CaHierarchy hierarchy;
    private final Viewer viewer;

    AuthoritiesPage(RevocationStatus status, CertificateAuthorities authorities, CaHierarchy hierarchy, Viewer viewer) {
        this.status = status;
        this.authorities = authorities;
        this.hierarchy = hierarchy;
        this.viewer = viewer;
    }

    @GET
    @RolesAllowed({Role.Names.ADMIN, Role.Names.BIOMED, Role.Names.AUDITOR})
    public TemplateInstance list() {
        return Pages.authorities(status.all(), DevicePage.ALGORITHMS);
    }

    /** Creates an issuing CA: under one of our roots it is active at once; for an enterprise root it waits for its certificate. */
    @POST
    @RolesAllowed(Role.Names.ADMIN)
    public Response create(@RestForm String name, @RestForm String subject, @RestForm String parent,
            @RestForm String algorithm, @RestForm String keyStore, @RestForm Integer validityDays) {
        CaHierarchy.NewCa spec = CaHierarchy.NewCa.parse(name, subject, algorithm, keyStore, validityDays);
        if (EXTERNAL_PARENT.equals(parent)) {
            hierarchy.createPendingIssuing(viewer.actor(), spec);
        } else {
            hierarchy.createIssuing(viewer.actor(), spec, authorities.byName(parent == null ? "" : parent).id);
        }
        return Response.seeOther(URI.create("/console/cas")).build();
    }

    /** The CSR of a CA waiting for its certificate, to take to the enterprise root. */
    @GET
    @Path("{id}/csr")
    @Produces("application/pkcs10")
    @RolesAllowed(Role.Names.ADMIN)
    public Response csr(@PathParam("id") long id) {
        CertificateAuthorityRecord ca = authorities.get(id);
        if (ca.csr == null) {
            throw PkiException.conflict("ca-not-pending", "The CA '" + ca.name + "' is not waiting for a certificate.");
        }
        return Response.ok(Pem.encode(Pem.CERTIFICATE_REQUEST, ca.csr), "application/pkcs10")
                .header("Content-Disposition", "attachment; filename=\"" + ca.name + ".csr\"").build();
    }

    /** Imports the certificate the enterprise root signed, with its chain; the CA becomes active. */
    @POST
    @Path("{id}/certificate")
    @RolesAllowed(Role.Names.ADMIN)
    public Response importCertificate(@PathParam("id") long id, @RestForm String chain) {
        List<X509CertificateHolder> certificates;
        try {
            certificates = Pem.readCertificates(chain == null ? "" : chain);
        } catch (RuntimeException e) {
            throw PkiException.invalidInput("malformed-pem", "Paste PEM certificates: the CA's, then its issuers up to the root.");
        }
        hierarchy.importCertificate(viewer.actor(), id, certificates);
        return Response.seeOther(URI.create("/console/cas")).build();
    }

    @ServerExceptionMapper
    public Response refused(PkiException e) {
        return ConsoleFailures.page(e, "/console/cas");
    }
}
