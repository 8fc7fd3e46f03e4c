package io.musicplatform.playback.rest;

import io.musicplatform.playback.entity.PlayableTrack;
import io.musicplatform.playback.service.Listener;
import io.musicplatform.playback.service.PlaybackService;
import io.musicplatform.playback.service.StreamUrls;
import io.musicplatform.servicecore.problem.Problem;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Optional;
import java.util.UUID;

/** Press play (UC-02): the rights are checked, the answer is a signed URL to stream from storage, the play is counted once (UC-03). */
@Path("/tracks/{id}/play")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Play")
@APIResponse(responseCode = "401", description = "No valid access token")
public class PlayResource {

    /** Set on the answer to a retry that gives back an earlier play. */
    static final String REPLAYED = "Idempotent-Replayed";

    private final PlaybackService playback;
    private final StreamUrls urls;
    private final JsonWebToken token;

    public PlayResource(PlaybackService playback, StreamUrls urls, JsonWebToken token) {
        this.playback = playback;
        this.urls = urls;
        this.token = token;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "playTrack", summary = "Play a track: a signed URL to stream it from storage; the play is counted once")
    @APIResponse(responseCode = "200", description = "Granted: stream from streamUrl until expiresAt",
            content = @Content(schema = @Schema(implementation = PlayViews.PlayGrant.class)))
    @APIResponse(responseCode = "400", description = "A malformed id, body or Idempotency-Key")
    @APIResponse(responseCode = "404", description = "No such track")
    @APIResponse(responseCode = "410", description = "The track was taken down")
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used for another track")
    @APIResponse(responseCode = "429", description = "Too many plays in a minute; Retry-After says when to try again")
    @APIResponse(responseCode = "451", description = "Not licensed in your country (or your account has none and the track is limited)")
    public Uni<Response> playTrack(@PathParam("id") UUID id,
                                   @HeaderParam("Idempotency-Key")
                                   @Pattern(regexp = "[\\x21-\\x7E]{1,100}", message = "must be 1 to 100 visible ASCII characters, such as a UUID")
                                   @Parameter(description = "Any unique string, such as a UUID: a retry with the same key gets the same play, counted once")
                                   String idempotencyKey,
                                   @Valid PlayViews.PlayRequest request) {
        Listener listener = PlaybackProblems.listener(token);
        PlaybackService.Where where = request == null ? PlaybackService.Where.UNKNOWN : new PlaybackService.Where(
                Optional.ofNullable(request.platform()).orElse("unknown"), Optional.ofNullable(request.device()).orElse("unknown"));
        return playback.play(id, listener, where, Optional.ofNullable(idempotencyKey)).map(grant -> {
            StreamUrls.StreamUrl url = urls.stream(grant.track());
            PlayableTrack track = grant.track();
            PlayViews.PlayGrant body = new PlayViews.PlayGrant(grant.playId(), url.url(), url.expiresAt(), new PlayViews.TrackSummary(
                    track.id, track.title, track.artists, track.genre, track.durationMs, track.contentType));
            Response.ResponseBuilder answer = Response.ok(body).cacheControl(CacheControl.valueOf("no-store"));
            return (grant.replayed() ? answer.header(REPLAYED, "true") : answer).build();
        });
    }

}
