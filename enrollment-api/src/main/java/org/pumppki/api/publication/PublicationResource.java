package org.pumppki.api.publication;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.pumppki.ca.service.authority.CertificateAuthorities;
import org.pumppki.ca.service.revocation.CrlPublisher;
import org.pumppki.ca.store.CertificateAuthorityRecord;
import org.pumppki.ca.store.CrlRecord;

/**
 * CRLs and CA certificates at the plain-HTTP URLs written into certificates (CRL distribution
 * point, caIssuers). Public, DER, cacheable.
 */
@Tag(name = "Revocation status")
@Path("/")
public class PublicationResource {

    static final String CRL_TYPE = "application/pkix-crl";
    static final String CERT_TYPE = "application/pkix-cert";
    /** CRLs change right after a revocation; shared caches may keep one this long at most. */
    static final long CRL_MAX_CACHE_SECONDS = 300;

    private final CrlPublisher crls;
    private final CertificateAuthorities authorities;
    private final Clock clock;

    PublicationResource(CrlPublisher crls, CertificateAuthorities authorities, Clock clock) {
        this.crls = crls;
        this.authorities = authorities;
        this.clock = clock;
    }

    @GET
    @Path("crl/{ca}.crl")
    @Operation(summary = "The CA's current CRL (DER)")
    public Response crl(@PathParam("ca") String caName) {
        CrlRecord crl = crls.current(caName);
        long maxAge = Math.max(0, Duration.between(clock.instant(), crl.nextUpdate).toSeconds());
        return Response.ok(crl.der, CRL_TYPE)
                .header("Cache-Control", "max-age=" + Math.min(maxAge, CRL_MAX_CACHE_SECONDS) + ", public, no-transform")
                .header("Expires", DateTimeFormatter.RFC_1123_DATE_TIME.format(crl.nextUpdate.atOffset(ZoneOffset.UTC)))
                .header("Last-Modified", DateTimeFormatter.RFC_1123_DATE_TIME.format(crl.thisUpdate.atOffset(ZoneOffset.UTC)))
                .build();
    }

    @GET
    @Path("ca/{ca}.crt")
    @Operation(summary = "The CA's certificate (DER), for caIssuers")
    public Response caCertificate(@PathParam("ca") String caName) {
        CertificateAuthorityRecord ca = authorities.byName(caName);
        if (ca.certificate == null) {
            return Response.status(Response.Status.NOT_FOUND).build();
        }
        return Response.ok(ca.certificate, CERT_TYPE).header("Cache-Control", "max-age=86400, public").build();
    }
}
