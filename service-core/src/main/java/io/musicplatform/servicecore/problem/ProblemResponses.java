package io.musicplatform.servicecore.problem;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

import java.util.List;
import java.util.Map;

/**
 * Every error response of the OpenAPI document is {@code application/problem+json} with the
 * {@code Problem} schema, as every error this platform answers is: a resource declares only the
 * status and when it happens ({@code @APIResponse(responseCode = "404", description = "No such track")}),
 * and this filter gives it its content.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ProblemResponses implements OASFilter {

    private static final String PROBLEM = "Problem";
    private static final String FIELD_ERROR = "FieldError";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        boolean used = false;
        if (openAPI.getPaths() != null && openAPI.getPaths().getPathItems() != null) {
            for (PathItem path : openAPI.getPaths().getPathItems().values()) {
                for (Operation operation : path.getOperations().values()) {
                    used |= describeErrors(operation);
                }
            }
        }
        if (used) {
            declareSchemas(openAPI);
        }
    }

    private static boolean describeErrors(Operation operation) {
        if (operation.getResponses() == null || operation.getResponses().getAPIResponses() == null) {
            return false;
        }
        boolean described = false;
        for (Map.Entry<String, APIResponse> response : operation.getResponses().getAPIResponses().entrySet()) {
            boolean error = response.getKey().startsWith("4") || response.getKey().startsWith("5");
            Content content = response.getValue().getContent();
            if (error && (content == null || content.getMediaTypes() == null || content.getMediaTypes().isEmpty())) {
                response.getValue().setContent(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                        OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM))));
                described = true;
            }
        }
        return described;
    }

    /** The Problem and FieldError schemas, unless a resource's annotations already brought them. */
    private static void declareSchemas(OpenAPI openAPI) {
        Components components = openAPI.getComponents();
        if (components == null) {
            components = OASFactory.createComponents();
            openAPI.setComponents(components);
        }
        if (components.getSchemas() != null && components.getSchemas().containsKey(PROBLEM)) {
            return;
        }
        components.addSchema(FIELD_ERROR, OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .description("One invalid input")
                .addProperty("field", string("The query parameter, path parameter, header or body property, e.g. limit or artists[0]"))
                .addProperty("message", string("What is wrong with it")));
        components.addSchema(PROBLEM, OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .description("An error, as application/problem+json (RFC 9457).")
                .addProperty("type", string("A URI naming the kind of problem; about:blank when the status says it all"))
                .addProperty("title", string("A short, human-readable summary of the kind of problem"))
                .addProperty("status", OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER)).description("The HTTP status code"))
                .addProperty("detail", string("What went wrong this time, and what to do"))
                .addProperty("instance", string("The request path the problem occurred on"))
                .addProperty("errors", OASFactory.createSchema().type(List.of(Schema.SchemaType.ARRAY))
                        .description("For a validation failure, one entry per invalid field")
                        .items(OASFactory.createSchema().ref(FIELD_ERROR))));
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).description(description);
    }
}
