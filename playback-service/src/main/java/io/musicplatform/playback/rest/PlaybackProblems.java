package io.musicplatform.playback.rest;

import io.musicplatform.playback.service.Listener;
import io.musicplatform.playback.service.PlayRefused;
import io.musicplatform.servicecore.problem.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;
import java.util.Locale;

/** What the playback endpoints share: the listener from the token, and the problem+json answer of each refusal. */
public class PlaybackProblems {

    /** The token's {@code sub}, and its {@code country} claim when the listener's profile has one. */
    static Listener listener(JsonWebToken token) {
        Object claim = token.getClaim("country");
        String country = claim == null ? null : claim.toString().replace("\"", "").toUpperCase(Locale.ROOT);
        return new Listener(token.getSubject(), country);
    }

    @ServerExceptionMapper
    public Response refused(PlayRefused refused, UriInfo uri) {
        String path = uri.getRequestUri().getRawPath();
        return switch (refused) {
            case PlayRefused.NoSuchTrack e -> Problem.of(Response.Status.NOT_FOUND, "Not found", e.getMessage(), path).toResponse();
            case PlayRefused.NoSuchLicence e -> Problem.of(Response.Status.NOT_FOUND, "Not found", e.getMessage(), path).toResponse();
            case PlayRefused.TakenDown e -> Problem.of(Response.Status.GONE, "Track taken down", e.getMessage(), path).toResponse();
            case PlayRefused.LicenceEnded e -> Problem.of(Response.Status.GONE, "Licence ended", e.getMessage(), path).toResponse();
            case PlayRefused.NotInTerritory e -> Problem.of(451, "Not available in your country", e.getMessage(), path).toResponse();
            case PlayRefused.KeyReused e -> Problem.of(422, "Idempotency-Key already used", e.getMessage(), path)
                    .withErrors(List.of(new Problem.FieldError("Idempotency-Key", "was used for another track"))).toResponse();
            case PlayRefused.TooManyLicences e -> Problem.of(Response.Status.CONFLICT, "Too many offline licences", e.getMessage(), path)
                    .toResponse();
            case PlayRefused.TooManyPlays e -> Response.fromResponse(Problem.of(429, "Too many plays", e.getMessage(), path).toResponse())
                    .header("Retry-After", Math.max(1, (e.retryAfter().toMillis() + 999) / 1000)).build();
        };
    }
}
