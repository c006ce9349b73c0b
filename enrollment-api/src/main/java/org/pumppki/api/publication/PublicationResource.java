package org.pumppki.api.publication;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.pumppki.ca.service.revocation.PublicationCache;
import org.pumppki.ca.service.revocation.PublicationCache.PublishedCrl;

/**
 * CRLs and CA certificates at the plain-HTTP URLs written into certificates (CRL distribution
 * point, caIssuers). Public, DER, cacheable. Held in memory ({@link PublicationCache}): while the
 * copy is current, {@link PublicationRoutes} answers before this resource is reached; this resource
 * answers the first fetch after a change, which reads the database.
 */
@Tag(name = "Revocation status", description = "OCSP, CRLs and CA certificates for relying parties")
@Path("/")
public class PublicationResource {

    static final String CRL_TYPE = "application/pkix-crl";
    static final String CERT_TYPE = "application/pkix-cert";
    /** CRLs change right after a revocation; shared caches may keep one this long at most. */
    static final long CRL_MAX_CACHE_SECONDS = 300;
    static final String CERT_CACHE_CONTROL = "max-age=86400, public";

    private final PublicationCache publications;
    private final Clock clock;

    PublicationResource(PublicationCache publications, Clock clock) {
        this.publications = publications;
        this.clock = clock;
    }

    @GET
    @Path("crl/{ca}.crl")
    @Operation(summary = "The CA's current CRL (DER)")
    public Response crl(@PathParam("ca") String caName) {
        PublishedCrl crl = publications.crl(caName);
        Response.ResponseBuilder response = Response.ok(crl.der(), CRL_TYPE);
        crlHeaders(crl, clock.instant()).forEach(response::header);
        return response.build();
    }

    @GET
    @Path("ca/{ca}.crt")
    @Operation(summary = "The CA's certificate (DER), for caIssuers")
    public Response caCertificate(@PathParam("ca") String caName) {
        byte[] certificate = publications.caCertificate(caName);
        if (certificate == null) {
            return Response.status(Response.Status.NOT_FOUND).build();
        }
        return Response.ok(certificate, CERT_TYPE).header("Cache-Control", CERT_CACHE_CONTROL).build();
    }

    /** The caching headers of a CRL answer: shared caches keep it until nextUpdate, five minutes at most. */
    static Map<String, String> crlHeaders(PublishedCrl crl, Instant now) {
        long maxAge = Math.max(0, Duration.between(now, crl.nextUpdate()).toSeconds());
        return Map.of(
                "Cache-Control", "max-age=" + Math.min(maxAge, CRL_MAX_CACHE_SECONDS) + ", public, no-transform",
                "Expires", DateTimeFormatter.RFC_1123_DATE_TIME.format(crl.nextUpdate().atOffset(ZoneOffset.UTC)),
                "Last-Modified", DateTimeFormatter.RFC_1123_DATE_TIME.format(crl.thisUpdate().atOffset(ZoneOffset.UTC)));
    }
}
