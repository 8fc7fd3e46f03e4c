package io.musicplatform.servicecore.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.net.URI;
import java.util.List;

/**
 * An error as every service answers it: {@code application/problem+json} (RFC 9457), with the fields
 * that failed validation in {@code errors}. The title says what was wrong in words a client can show;
 * the detail says what to do about this occurrence.
 *
 * @param type     a URI naming the kind of problem; {@code about:blank} when the status says it all
 * @param title    a short, human-readable summary of the kind of problem
 * @param status   the HTTP status code
 * @param detail   what went wrong this time, and what to do
 * @param instance the request path the problem occurred on
 * @param errors   for a validation failure, one entry per invalid field; absent otherwise
 */
@Schema(name = "Problem", description = "An error, as application/problem+json (RFC 9457).")
// Serialized where no endpoint's signature names it (in a Response, by UnmatchedPaths' Json.encode): registered for native, FieldError too.
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        @Schema(examples = "about:blank") URI type,
        @Schema(examples = "Invalid request") String title,
        @Schema(examples = "400") int status,
        @Schema(examples = "limit must be between 1 and 100") String detail,
        @Schema(examples = "/api/catalog/tracks") String instance,
        List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType MEDIA = MediaType.valueOf(MEDIA_TYPE);
    static final URI BLANK = URI.create("about:blank");

    /**
     * One invalid input.
     *
     * @param field   the query parameter, path parameter or body property, e.g. {@code limit} or {@code artists[0]}
     * @param message what is wrong with it
     */
    @Schema(name = "FieldError")
    public record FieldError(@Schema(examples = "limit") String field,
                             @Schema(examples = "must be less than or equal to 100") String message) {
    }

    public static Problem of(Response.Status status, String title, String detail, String instance) {
        return new Problem(BLANK, title, status.getStatusCode(), detail, instance, null);
    }

    public static Problem of(int status, String title, String detail, String instance) {
        return new Problem(BLANK, title, status, detail, instance, null);
    }

    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, instance, List.copyOf(fieldErrors));
    }

    /** The response that carries this problem, with its status and media type. */
    public Response toResponse() {
        return Response.status(status).type(MEDIA).entity(this).build();
    }
}
