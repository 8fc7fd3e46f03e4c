package io.musicplatform.catalog.rest;

import io.musicplatform.catalog.entity.Playlist;
import io.musicplatform.catalog.mapping.PlaylistMapper;
import io.musicplatform.catalog.service.PlaylistService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.Optional;
import java.util.UUID;

/**
 * Playlists: make one, read it, rename, describe, change who sees it, delete it. Every change names
 * the version it was made on in If-Match (the ETag of the read); one made on an older version is 412.
 */
@Path("/playlists")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Playlists")
@APIResponse(responseCode = "401", description = "No valid access token")
public class PlaylistResource {

    /** Personal answers: kept by the caller's own cache only, and checked again at each use. */
    static final CacheControl CACHING = CacheControl.valueOf("private, no-cache");

    private final PlaylistService playlists;
    private final JsonWebToken token;

    public PlaylistResource(PlaylistService playlists, JsonWebToken token) {
        this.playlists = playlists;
        this.token = token;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createPlaylist", summary = "Make a playlist of your own, private unless you say PUBLIC")
    @APIResponse(responseCode = "201", description = "The playlist, at version 1; Location is its address",
            content = @Content(schema = @Schema(implementation = PlaylistViews.PlaylistView.class)))
    @APIResponse(responseCode = "400", description = "Name missing, blank or too long; description too long")
    public Uni<Response> createPlaylist(@Valid @NotNull PlaylistViews.NewPlaylist request) {
        return playlists.create(PlaylistRequests.caller(token), request.name().strip(), request.description(),
                        Optional.ofNullable(request.visibility()).orElse(Playlist.Visibility.PRIVATE))
                // Relative to the API's base, /api/catalog/.
                .map(seen -> Response.created(URI.create("playlists/" + seen.playlist().id))
                        .tag(PlaylistRequests.tag(seen.playlist().version))
                        .entity(PlaylistMapper.view(seen)).build());
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getPlaylist", summary = "A playlist you own, collaborate on, or that is public")
    @APIResponse(responseCode = "200", description = "The playlist; its ETag is its version",
            content = @Content(schema = @Schema(implementation = PlaylistViews.PlaylistView.class)))
    @APIResponse(responseCode = "304", description = "Unchanged since the ETag sent in If-None-Match")
    @APIResponse(responseCode = "404", description = "No such playlist, or a private one of someone else")
    public Uni<Response> getPlaylist(@PathParam("id") UUID id, Request request) {
        return playlists.read(id, token.getSubject()).map(seen -> {
            EntityTag tag = PlaylistRequests.tag(seen.playlist().version);
            Response.ResponseBuilder unchanged = request.evaluatePreconditions(tag);
            return (unchanged != null ? unchanged : Response.ok(PlaylistMapper.view(seen)).tag(tag)).cacheControl(CACHING).build();
        });
    }

    @PATCH
    @Path("/{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Operation(operationId = "updatePlaylist", summary = "Rename or describe a playlist (owner or collaborator), or change who sees it (owner)")
    @APIResponse(responseCode = "200", description = "The playlist at its new version (its ETag)",
            content = @Content(schema = @Schema(implementation = PlaylistViews.PlaylistView.class)))
    @APIResponse(responseCode = "400", description = "Nothing to change, or a field is not valid")
    @APIResponse(responseCode = "403", description = "You may read this playlist but not change it (or not its visibility)")
    @APIResponse(responseCode = "404", description = "No such playlist, or a private one of someone else")
    @APIResponse(responseCode = "412", description = "Made on an older version: read the playlist again (ETag is the current version) and retry")
    @APIResponse(responseCode = "428", description = "If-Match is missing")
    public Uni<Response> updatePlaylist(@PathParam("id") UUID id,
                                        @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(description = "The playlist's ETag as you read it", example = "\"7\"")
                                        String ifMatch,
                                        @Valid @NotNull PlaylistViews.PlaylistChanges request) {
        String path = "/api/catalog/playlists/" + id;
        if (request.name() == null && request.description() == null && request.visibility() == null) {
            throw PageCursor.invalid("name", "or description or visibility must be given: there is nothing to change", path);
        }
        long version = PlaylistRequests.version(ifMatch, path);
        return playlists.update(id, PlaylistRequests.caller(token), version, new PlaylistService.Changes(
                        Optional.ofNullable(request.name()).map(String::strip), Optional.ofNullable(request.description()),
                        Optional.ofNullable(request.visibility())))
                .map(PlaylistResource::answer);
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "deletePlaylist", summary = "Delete a playlist of yours, with its entries and share links")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "403", description = "Only the owner deletes a playlist")
    @APIResponse(responseCode = "404", description = "No such playlist, or a private one of someone else")
    @APIResponse(responseCode = "412", description = "Changed since you read it")
    @APIResponse(responseCode = "428", description = "If-Match is missing")
    public Uni<Response> deletePlaylist(@PathParam("id") UUID id,
                                        @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(description = "The playlist's ETag as you read it", example = "\"7\"")
                                        String ifMatch) {
        long version = PlaylistRequests.version(ifMatch, "/api/catalog/playlists/" + id);
        return playlists.delete(id, PlaylistRequests.caller(token), version).map(done -> Response.noContent().build());
    }

    /** The answer to a change: the playlist at its new version, which is its ETag. */
    static Response answer(PlaylistService.Seen seen) {
        return Response.ok(PlaylistMapper.view(seen)).tag(PlaylistRequests.tag(seen.playlist().version)).cacheControl(CACHING).build();
    }
}
