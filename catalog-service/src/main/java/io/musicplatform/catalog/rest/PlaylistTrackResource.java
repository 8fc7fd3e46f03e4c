package io.musicplatform.catalog.rest;

import io.musicplatform.catalog.entity.PlaylistEntry;
import io.musicplatform.catalog.entity.Track;
import io.musicplatform.catalog.mapping.PlaylistMapper;
import io.musicplatform.catalog.service.PlaylistService;
import io.musicplatform.events.TrackStatus;
import io.musicplatform.servicecore.api.Page;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
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

/**
 * A playlist's entries: list them in order (only the playable ones by default), add tracks, move one,
 * remove one. Changes name the playlist's version in If-Match and answer the playlist at its next version.
 */
@Path("/playlists/{id}/tracks")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Playlists")
@APIResponse(responseCode = "401", description = "No valid access token")
@APIResponse(responseCode = "404", description = "No such playlist (or a private one of someone else), or no such entry")
public class PlaylistTrackResource {

    /** The largest page a client may ask for. */
    static final int MAX_PAGE = 100;

    private final PlaylistService playlists;
    private final TrackViews views;
    private final JsonWebToken token;

    public PlaylistTrackResource(PlaylistService playlists, TrackViews views, JsonWebToken token) {
        this.playlists = playlists;
        this.views = views;
        this.token = token;
    }

    @GET
    @Operation(operationId = "listPlaylistTracks", summary = "A playlist's entries in order, one page at a time")
    @APIResponse(responseCode = "200", description = "A page of entries; pass nextCursor as ?cursor= for the next")
    @APIResponse(responseCode = "400", description = "A view, limit or cursor is not valid")
    public Uni<Page<PlaylistViews.EntryView>> listPlaylistTracks(
            @PathParam("id") UUID id,
            @QueryParam("view") @DefaultValue("playable")
            @Parameter(description = "playable (tracks that play now: what a player queues) or all (taken-down tracks too, marked playable=false)")
            String view,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(MAX_PAGE) int limit,
            @QueryParam("cursor") @Parameter(description = "nextCursor of the previous page") String cursor) {
        String path = "/api/catalog/playlists/" + id + "/tracks";
        if (!view.equals("playable") && !view.equals("all")) {
            throw PageCursor.invalid("view", "must be playable or all", path);
        }
        Optional<UUID> afterEntry = Optional.empty();
        long afterPosition = 0;
        if (cursor != null && !cursor.isBlank()) {
            String[] values = PageCursor.decode(cursor, 2, path);
            try {
                afterEntry = Optional.of(UUID.fromString(values[0]));
                afterPosition = Long.parseLong(values[1]);
            } catch (IllegalArgumentException e) {
                throw PageCursor.invalid("cursor", "is not a cursor this service gave; start again without it", path);
            }
        }
        return playlists.entries(id, token.getSubject(), view.equals("playable"), afterEntry, afterPosition, limit + 1)
                .chain(page -> views.of(page.tracks().values()).map(trackViews -> Page.ofOneMore(page.entries(), limit,
                        (PlaylistEntry last) -> PageCursor.encode(last.id.toString(), Long.toString(last.position)),
                        entry -> {
                            Track track = page.tracks().get(entry.trackId);
                            return PlaylistMapper.view(entry, trackViews.get(entry.trackId),
                                    track != null && track.status == TrackStatus.AVAILABLE, page.names());
                        })));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "addPlaylistTracks", summary = "Add up to 100 tracks, at the end or before an index (owner or collaborator)")
    @APIResponse(responseCode = "200", description = "The playlist at its new version (its ETag)",
            content = @Content(schema = @Schema(implementation = PlaylistViews.PlaylistView.class)))
    @APIResponse(responseCode = "400", description = "No tracks, more than 100, or a malformed id or index")
    @APIResponse(responseCode = "403", description = "You may read this playlist but not change it")
    @APIResponse(responseCode = "412", description = "Made on an older version: read again (ETag is the current version) and retry")
    @APIResponse(responseCode = "422", description = "A track is not in the catalog or was taken down, the index is past the end, or the playlist would exceed its limit")
    @APIResponse(responseCode = "428", description = "If-Match is missing")
    public Uni<Response> addPlaylistTracks(@PathParam("id") UUID id,
                                           @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(description = "The playlist's ETag as you read it", example = "\"7\"")
                                           String ifMatch,
                                           @Valid @NotNull PlaylistViews.AddTracks request) {
        long version = PlaylistRequests.version(ifMatch, "/api/catalog/playlists/" + id + "/tracks");
        return playlists.addTracks(id, PlaylistRequests.caller(token), version, request.trackIds(), Optional.ofNullable(request.index()))
                .map(PlaylistResource::answer);
    }

    @PATCH
    @Path("/{entryId}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Operation(operationId = "movePlaylistTrack", summary = "Move one entry to an index (owner or collaborator); the other entries are not rewritten")
    @APIResponse(responseCode = "200", description = "The playlist at its new version (its ETag)",
            content = @Content(schema = @Schema(implementation = PlaylistViews.PlaylistView.class)))
    @APIResponse(responseCode = "400", description = "The index is missing or negative")
    @APIResponse(responseCode = "403", description = "You may read this playlist but not change it")
    @APIResponse(responseCode = "412", description = "Made on an older version: read again and retry")
    @APIResponse(responseCode = "422", description = "The index is past the last entry")
    @APIResponse(responseCode = "428", description = "If-Match is missing")
    public Uni<Response> movePlaylistTrack(@PathParam("id") UUID id, @PathParam("entryId") UUID entryId,
                                           @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(description = "The playlist's ETag as you read it", example = "\"7\"")
                                           String ifMatch,
                                           @Valid @NotNull PlaylistViews.MoveEntry request) {
        long version = PlaylistRequests.version(ifMatch, "/api/catalog/playlists/" + id + "/tracks/" + entryId);
        return playlists.move(id, PlaylistRequests.caller(token), version, entryId, request.index()).map(PlaylistResource::answer);
    }

    @DELETE
    @Path("/{entryId}")
    @Operation(operationId = "removePlaylistTrack", summary = "Remove one entry (owner or collaborator)")
    @APIResponse(responseCode = "200", description = "The playlist at its new version (its ETag)",
            content = @Content(schema = @Schema(implementation = PlaylistViews.PlaylistView.class)))
    @APIResponse(responseCode = "403", description = "You may read this playlist but not change it")
    @APIResponse(responseCode = "412", description = "Made on an older version: read again and retry")
    @APIResponse(responseCode = "428", description = "If-Match is missing")
    public Uni<Response> removePlaylistTrack(@PathParam("id") UUID id, @PathParam("entryId") UUID entryId,
                                             @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(description = "The playlist's ETag as you read it", example = "\"7\"")
                                             String ifMatch) {
        long version = PlaylistRequests.version(ifMatch, "/api/catalog/playlists/" + id + "/tracks/" + entryId);
        return playlists.remove(id, PlaylistRequests.caller(token), version, entryId).map(PlaylistResource::answer);
    }
}
