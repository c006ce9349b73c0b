package org.pumppki.api.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;

/**
 * An RFC 9457 problem detail, the body of every error answer of the admin API. {@code type} is
 * stable per error and documented; {@code detail} is written for the person fixing the request.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(URI type, String title, int status, String detail, String instance, List<Violation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType MEDIA = MediaType.valueOf(MEDIA_TYPE);
    static final String TYPE_PREFIX = "urn:pumppki:problem:";

    /** One rejected field or row, for answers that report several at once. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Violation(String field, String message) {
    }

    public static URI type(String code) {
        return URI.create(TYPE_PREFIX + code);
    }

    public Response.ResponseBuilder toResponse() {
        return Response.status(status).type(MEDIA).entity(this);
    }
}
