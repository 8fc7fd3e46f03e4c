package io.musicplatform.ingestion.rest;

import io.musicplatform.ingestion.mapping.TrackMapper;
import io.musicplatform.ingestion.service.IngestionService;
import io.musicplatform.servicecore.problem.Problem;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/** A track's current revision; corrections and takedowns, each published as a new revision. */
@Path("/tracks/{id}")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tracks")
@APIResponse(responseCode = "401", description = "No valid access token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The token lacks the admin role",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "404", description = "No such track",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class TrackResource {

    private final IngestionService service;
    private final JsonWebToken token;

    public TrackResource(IngestionService service, JsonWebToken token) {
        this.service = service;
        this.token = token;
    }

    @GET
    @Operation(operationId = "getTrack", summary = "The current revision of a track")
    @APIResponse(responseCode = "200", description = "The track", content = @Content(schema = @Schema(implementation = TrackViews.TrackView.class)))
    public Uni<TrackViews.TrackView> getTrack(@PathParam("id") UUID id) {
        return service.current(id).map(TrackMapper::view);
    }

    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "correctTrack", summary = "Correct a track's metadata: a new revision, published as TrackIngested")
    @APIResponse(responseCode = "200", description = "The new revision", content = @Content(schema = @Schema(implementation = TrackViews.TrackView.class)))
    @APIResponse(responseCode = "400", description = "A field is invalid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<TrackViews.TrackView> correctTrack(@PathParam("id") UUID id, @NotNull @Valid TrackViews.TrackChanges changes) {
        return service.correct(id, changes.tags(), changes.territoryCodes(), token.getSubject()).map(TrackMapper::view);
    }

    @DELETE
    @Operation(operationId = "takeDownTrack", summary = "Take a track down: a TAKEN_DOWN revision, published as TrackIngested (a repeat changes nothing)")
    @APIResponse(responseCode = "200", description = "The TAKEN_DOWN revision", content = @Content(schema = @Schema(implementation = TrackViews.TrackView.class)))
    public Uni<TrackViews.TrackView> takeDownTrack(@PathParam("id") UUID id) {
        return service.takeDown(id, token.getSubject()).map(TrackMapper::view);
    }
}
