package io.musicplatform.servicecore.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.oidc.OIDCException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;

/**
 * Turns every failure of a request into {@link Problem} JSON, so that no client ever has to parse an
 * HTML page, an empty body or a stack trace. A 5xx is a bug: it is logged with an id that the answer
 * carries, and the answer says nothing of the internals.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response validationFailed(ConstraintViolationException e, UriInfo uri) {
        boolean ourAnswer = e.getConstraintViolations().stream().anyMatch(v -> StreamSupport.stream(v.getPropertyPath().spliterator(), false)
                .anyMatch(node -> node.getKind() == ElementKind.RETURN_VALUE));
        if (ourAnswer) {
            // The service broke its own contract in what it answers: its bug, not the client's.
            return internalError(e, uri);
        }
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(field(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream().map(error -> error.field() + " " + error.message())
                .reduce((a, b) -> a + "; " + b).orElse("the request is not valid");
        return Problem.of(Response.Status.BAD_REQUEST, "Invalid request", detail, path(uri))
                .withErrors(errors).toResponse();
    }

    /**
     * A body that is not JSON, or JSON of the wrong shape. Named class by class: Quarkus maps some of
     * them itself, and the most specific mapper wins.
     */
    @ServerExceptionMapper({JsonProcessingException.class, JsonParseException.class, MismatchedInputException.class,
            InvalidFormatException.class})
    public Response unreadableBody(JsonProcessingException e, UriInfo uri) {
        String where = e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                ? " at " + jsonPath(mapping) : "";
        String reason = e.getOriginalMessage() == null ? "" : ": " + firstLine(e.getOriginalMessage());
        Problem problem = Problem.of(Response.Status.BAD_REQUEST, "Malformed request body",
                "The body is not the JSON this endpoint expects" + where + reason, path(uri));
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            problem = problem.withErrors(List.of(new Problem.FieldError(jsonPath(mapping), firstLine(e.getOriginalMessage()))));
        }
        return problem.toResponse();
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException e, UriInfo uri) {
        Response problem = Problem.of(Response.Status.UNAUTHORIZED, "Authentication required",
                "Send a valid, unexpired access token of the realm as \"Authorization: Bearer <token>\".", path(uri))
                .toResponse();
        return Response.fromResponse(problem).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    /**
     * The identity provider could not be reached to check a token (its keys are fetched on first
     * use): an outage of a dependency, not a bug of the service, and worth retrying.
     */
    @ServerExceptionMapper
    public Response identityProviderUnavailable(OIDCException e, UriInfo uri) {
        LOG.warnf("Request %s: the identity provider did not answer (%s)", path(uri), e.getMessage());
        return Response.fromResponse(Problem.of(Response.Status.SERVICE_UNAVAILABLE, "Identity provider unavailable",
                        "The token could not be checked because the identity provider did not answer; try again shortly.", path(uri))
                .toResponse()).header(HttpHeaders.RETRY_AFTER, "5").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return Problem.of(Response.Status.FORBIDDEN, "Not allowed",
                "Your account lacks the role this operation needs.", path(uri)).toResponse();
    }

    /** Errors JAX-RS raises itself (404, 405, 406, 415...) and those a resource throws on purpose. */
    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException unreadable) {
            return unreadableBody(unreadable, uri);
        }
        Response original = e.getResponse();
        if (original.getStatus() == 404 && e.getCause() instanceof IllegalArgumentException) {
            // A matched endpoint whose query or path parameter could not be converted: the client's error, not a missing page.
            return Problem.of(Response.Status.BAD_REQUEST, "Invalid request",
                    "A parameter has a value of the wrong type: " + firstLine(String.valueOf(e.getCause().getMessage())), path(uri))
                    .toResponse();
        }
        if (original.hasEntity() && Problem.MEDIA.isCompatible(original.getMediaType())) {
            return original;
        }
        int status = original.getStatus();
        if (status >= 500 && status != 503) {
            return internalError(e, uri);
        }
        Response.StatusType type = original.getStatusInfo();
        String detail = e.getMessage() == null || e.getMessage().startsWith("HTTP " + status)
                ? defaultDetail(status) : e.getMessage();
        Response.ResponseBuilder answer = Response.fromResponse(Problem.of(status, type.getReasonPhrase(), detail, path(uri)).toResponse());
        // Keep what tells the client how to retry: Allow on 405, WWW-Authenticate on 401, Retry-After.
        for (String header : List.of(HttpHeaders.ALLOW, HttpHeaders.WWW_AUTHENTICATE, HttpHeaders.RETRY_AFTER)) {
            if (original.getHeaderString(header) != null) {
                answer.header(header, original.getHeaderString(header));
            }
        }
        return answer.build();
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response internalError(Throwable e, UriInfo uri) {
        String id = UUID.randomUUID().toString();
        LOG.errorf(e, "Request %s failed; error id %s", path(uri), id);
        return Problem.of(Response.Status.INTERNAL_SERVER_ERROR, "Internal error",
                "The service failed to answer; this is a bug. Report the error id " + id + ".", path(uri)).toResponse();
    }

    private static String defaultDetail(int status) {
        return switch (status) {
            case 404 -> "Nothing exists at this path.";
            case 405 -> "This path does not accept this method.";
            case 406 -> "This endpoint cannot answer in the media type the Accept header asks for.";
            case 415 -> "This endpoint does not accept the Content-Type sent; send application/json.";
            case 503 -> "The service cannot answer now; try again later.";
            default -> "The request cannot be served as sent.";
        };
    }

    /** The parameter or property name a client knows: {@code limit}, not {@code list.arg1}. */
    private static String field(ConstraintViolation<?> violation) {
        String field = null;
        StringBuilder property = new StringBuilder();
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.CONSTRUCTOR) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER || node.getKind() == ElementKind.RETURN_VALUE) {
                field = node.getName();
                continue;
            }
            if (node.getKind() == ElementKind.CONTAINER_ELEMENT) {
                // "<list element>" is Bean Validation's name for an item: the index says which.
                if (node.getIndex() != null) {
                    property.append('[').append(node.getIndex()).append(']');
                } else if (node.getKey() != null) {
                    property.append('[').append(node.getKey()).append(']');
                }
                continue;
            }
            if (node.getName() != null) {
                if (!property.isEmpty()) {
                    property.append('.');
                }
                property.append(node.getName());
            }
            if (node.getIndex() != null) {
                property.append('[').append(node.getIndex()).append(']');
            }
        }
        // A bean parameter (the body) is named by its properties, a plain parameter by its own name.
        if (!property.isEmpty()) {
            return property.toString();
        }
        return field != null ? field : "request";
    }

    private static String jsonPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String firstLine(String message) {
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getRequestUri().getRawPath();
    }
}
