package io.musicplatform.catalog.rest;

import io.musicplatform.catalog.entity.Track;
import io.musicplatform.catalog.mapping.TrackMapper;
import io.musicplatform.catalog.service.CatalogService;
import io.musicplatform.catalog.service.TrackCursor;
import io.musicplatform.catalog.service.TrackQuery;
import io.musicplatform.catalog.service.TrackSort;
import io.musicplatform.events.TrackStatus;
import io.musicplatform.servicecore.api.Page;
import io.musicplatform.servicecore.problem.Problem;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Track metadata (UC-01). */
@Path("/tracks")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tracks")
@APIResponse(responseCode = "401", description = "No valid access token")
public class TrackResource {

    /** Tokens make every answer personal to its caller: caches may keep it for that caller only, briefly. */
    private static final CacheControl CACHING = CacheControl.valueOf("private, max-age=60");

    /** The largest page a client may ask for. */
    static final int MAX_PAGE = 100;

    private final CatalogService catalog;

    public TrackResource(CatalogService catalog) {
        this.catalog = catalog;
    }

    @GET
    @Operation(operationId = "listTracks",
            summary = "Playable tracks, filtered by artist, album, genre or title prefix, one page at a time")
    @APIResponse(responseCode = "200", description = "A page of tracks; pass nextCursor as ?cursor= for the next")
    @APIResponse(responseCode = "400", description = "A filter, sort key, limit or cursor is not valid")
    public Uni<Page<TrackView>> listTracks(
            @QueryParam("artist") @Parameter(description = "An artist id") UUID artist,
            @QueryParam("album") @Parameter(description = "An album id") UUID album,
            @QueryParam("genre") @Size(min = 1, max = 100) @Parameter(example = "chanson") String genre,
            @QueryParam("title") @Size(min = 1, max = 200) @Parameter(description = "Titles starting with this, case-insensitive", example = "tout")
            String titlePrefix,
            @QueryParam("sort") @DefaultValue("title") @Parameter(description = "title (A to Z), added (newest first) or duration (shortest first)")
            String sort,
            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(MAX_PAGE) int limit,
            @QueryParam("cursor") @Parameter(description = "nextCursor of the previous page") String cursor) {
        TrackSort order = TrackSort.of(sort).orElseThrow(() -> invalid("sort", "must be one of " + TrackSort.keys()));
        Optional<TrackCursor> after;
        try {
            after = Optional.ofNullable(cursor).filter(c -> !c.isBlank()).map(c -> TrackCursor.decode(c, order));
        } catch (IllegalArgumentException e) {
            throw invalid("cursor", e.getMessage());
        }
        TrackQuery query = new TrackQuery(Optional.ofNullable(artist), Optional.ofNullable(album), Optional.ofNullable(genre),
                Optional.ofNullable(titlePrefix), order, after, limit + 1);
        return catalog.tracks(query).map(found -> Page.ofOneMore(found, limit, last -> cursorAfter(last.track(), order).encode(),
                detail -> TrackMapper.view(detail.track(), detail.artists(), detail.album())));
    }

    private static TrackCursor cursorAfter(Track track, TrackSort sort) {
        Object value = switch (sort) {
            case TITLE -> track.title;
            case ADDED -> track.createdAt;
            case DURATION -> track.durationMs;
        };
        return new TrackCursor(sort, value, track.id);
    }

    private static WebApplicationException invalid(String field, String message) {
        return PageCursor.invalid(field, message, "/api/catalog/tracks");
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getTrack", summary = "A track's metadata, artists, album and rating")
    @APIResponse(responseCode = "200", description = "The track; its ETag changes with each revision and rating",
            content = @Content(schema = @Schema(implementation = TrackView.class)))
    @APIResponse(responseCode = "304", description = "Unchanged since the ETag sent in If-None-Match")
    @APIResponse(responseCode = "400", description = "The id is not a UUID")
    @APIResponse(responseCode = "404", description = "No such track")
    @APIResponse(responseCode = "410", description = "The track was taken down")
    public Uni<Response> getTrack(@PathParam("id") UUID id, Request request) {
        return catalog.trackDetail(id).chain(detail -> {
            if (detail == null) {
                throw new NotFoundException("No track has the id " + id + ".");
            }
            Track track = detail.track();
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
            return Uni.createFrom().item(Response.ok(TrackMapper.view(track, detail.artists(), detail.album())).tag(tag)
                    .cacheControl(CACHING).build());
        });
    }
}
