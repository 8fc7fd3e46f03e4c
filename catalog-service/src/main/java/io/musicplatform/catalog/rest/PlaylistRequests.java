package io.musicplatform.catalog.rest;

import io.musicplatform.catalog.service.Caller;
import io.musicplatform.catalog.service.PlaylistException;
import io.musicplatform.servicecore.problem.Problem;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

/**
 * What every playlist endpoint shares: the caller from the token, the version an edit was made on
 * (If-Match, required), and the problem+json answers of the service's refusals.
 */
public class PlaylistRequests {

    static Caller caller(JsonWebToken token) {
        return new Caller(token.getSubject(), token.getClaim("preferred_username"));
    }

    /** A playlist's ETag: its version, as a strong tag. */
    static EntityTag tag(long version) {
        return new EntityTag(Long.toString(version));
    }

    /**
     * The version named by If-Match: {@code "7"} (the ETag as it came) or {@code 7}. Missing is 428:
     * a change made without saying on what could silently undo another's.
     */
    static long version(String ifMatch, String path) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new WebApplicationException(Problem.of(428, "Precondition required",
                    "A change to a playlist must name the version it was made on: send If-Match with the playlist's ETag"
                            + " as you read it, such as If-Match: \"7\".", path).toResponse());
        }
        String value = ifMatch.trim();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        try {
            long version = Long.parseLong(value);
            if (version >= 1) {
                return version;
            }
        } catch (NumberFormatException ignored) {
            // Reported below.
        }
        String message = "must be one playlist ETag, such as \"7\" (a strong tag, not a list)";
        throw new WebApplicationException(Problem.of(Response.Status.BAD_REQUEST, "Invalid request", "If-Match " + message, path)
                .withErrors(List.of(new Problem.FieldError("If-Match", message))).toResponse());
    }

    @ServerExceptionMapper
    public Response refused(PlaylistException e, UriInfo uri) {
        String path = uri.getRequestUri().getRawPath();
        return switch (e) {
            case PlaylistException.NotFound notFound -> Problem.of(Response.Status.NOT_FOUND, "Not found", notFound.getMessage(), path).toResponse();
            case PlaylistException.NotAllowed notAllowed -> Problem.of(Response.Status.FORBIDDEN, "Not allowed", notAllowed.getMessage(), path)
                    .toResponse();
            case PlaylistException.StaleVersion stale -> Response.fromResponse(
                    Problem.of(Response.Status.PRECONDITION_FAILED, "Playlist changed since you read it", stale.getMessage(), path).toResponse())
                    .tag(tag(stale.current())).build();
            case PlaylistException.Unprocessable unprocessable -> Problem.of(422, "Change cannot apply", unprocessable.getMessage(), path)
                    .withErrors(List.of(new Problem.FieldError(unprocessable.field(), unprocessable.reason()))).toResponse();
            case PlaylistException.Expired expired -> Problem.of(Response.Status.GONE, "Share link expired", expired.getMessage(), path)
                    .toResponse();
        };
    }
}
