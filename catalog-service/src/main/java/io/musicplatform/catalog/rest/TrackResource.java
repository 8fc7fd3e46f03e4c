package io.musicplatform.catalog.rest;

import io.musicplatform.catalog.mapping.TrackMapper;
import io.musicplatform.catalog.service.CatalogService;
import io.musicplatform.events.TrackStatus;
import io.musicplatform.servicecore.problem.Problem;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/** Track metadata (UC-01). */
@Path("/tracks")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tracks")
@APIResponse(responseCode = "401", description = "No valid access token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class TrackResource {

    /** Tokens make every answer personal to its caller: caches may keep it for that caller only, briefly. */
    private static final CacheControl CACHING = CacheControl.valueOf("private, max-age=60");

    private final CatalogService catalog;

    public TrackResource(CatalogService catalog) {
        this.catalog = catalog;
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getTrack", summary = "A track's metadata, artists, album and rating")
    @APIResponse(responseCode = "200", description = "The track; its ETag changes with each revision and rating",
            content = @Content(schema = @Schema(implementation = TrackView.class)))
    @APIResponse(responseCode = "304", description = "Unchanged since the ETag sent in If-None-Match")
    @APIResponse(responseCode = "400", description = "The id is not a UUID",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such track",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "410", description = "The track was taken down",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> getTrack(@PathParam("id") UUID id, Request request) {
        return catalog.track(id).chain(track -> {
            if (track == null) {
                throw new NotFoundException("No track has the id " + id + ".");
            }
            if (track.status == TrackStatus.TAKEN_DOWN) {
                return Uni.createFrom().item(Problem.of(Response.Status.GONE, "Track taken down",
                        "Track " + id + " was taken down and can no longer be listed or played.", "/api/catalog/tracks/" + id)
                        .toResponse());
            }
            EntityTag tag = new EntityTag(TrackMapper.entityTag(track));
            Response.ResponseBuilder unchanged = request.evaluatePreconditions(tag);
            if (unchanged != null) {
                return Uni.createFrom().item(unchanged.cacheControl(CACHING).build());
            }
            return catalog.artists(track.artistIds).chain(artists -> catalog.album(track.albumId)
                    .map(album -> Response.ok(TrackMapper.view(track, artists, album)).tag(tag).cacheControl(CACHING).build()));
        });
    }
}
