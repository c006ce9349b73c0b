package org.pumppki.api.ocsp;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASModelReader;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Describes {@code /ocsp} in the API description: {@link OcspRoutes} serves it with Vert.x routes,
 * which the annotation scanner does not see. Named by {@code mp.openapi.model.reader}.
 */
public class OcspApiDescription implements OASModelReader {

    private static final String TAG = "Revocation status";

    @Override
    public OpenAPI buildModel() {
        return OASFactory.createOpenAPI().paths(OASFactory.createPaths()
                .addPathItem("/ocsp", OASFactory.createPathItem().POST(operation("OCSP request by POST",
                        "Body: DER OCSPRequest (application/ocsp-request), at most " + OcspRoutes.MAX_REQUEST_BYTES
                                + " octets. Answered with a DER OCSPResponse; malformed input gets the unsigned "
                                + "malformedRequest status.")
                        .requestBody(OASFactory.createRequestBody().required(true).content(binary("application/ocsp-request")))
                        .responses(responses().addAPIResponse("413", OASFactory.createAPIResponse()
                                .description("The body is larger than any OCSP request")))))
                .addPathItem("/ocsp/{request}", OASFactory.createPathItem().GET(operation("OCSP request by GET",
                        "Path: base64 (URL-encoded) of the DER OCSPRequest. Answers to requests without a nonce "
                                + "may be cached until nextUpdate.")
                        .addParameter(OASFactory.createParameter().name("request").in(Parameter.In.PATH).required(true)
                                .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)))
                        .responses(responses()))));
    }

    private static Operation operation(String summary, String description) {
        return OASFactory.createOperation().summary(summary).description(description).addTag(TAG);
    }

    private static APIResponses responses() {
        return OASFactory.createAPIResponses().addAPIResponse("200", OASFactory.createAPIResponse()
                .description("DER OCSPResponse").content(binary(OcspRoutes.RESPONSE_TYPE)));
    }

    private static Content binary(String type) {
        MediaType media = OASFactory.createMediaType().schema(OASFactory.createSchema()
                .addType(Schema.SchemaType.STRING).format("binary"));
        return OASFactory.createContent().addMediaType(type, media);
    }
}
