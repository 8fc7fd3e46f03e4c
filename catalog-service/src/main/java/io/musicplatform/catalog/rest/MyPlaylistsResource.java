package io.musicplatform.catalog.rest;

import io.musicplatform.catalog.mapping.PlaylistMapper;
import io.musicplatform.catalog.service.PlaylistService;
import io.musicplatform.servicecore.api.Page;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** The caller's own playlists and those they collaborate on. */
@Path("/me/playlists")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Playlists")
@APIResponse(responseCode = "401", description = "No valid access token")
public class MyPlaylistsResource {

    private final PlaylistService playlists;
    private final JsonWebToken token;

    public MyPlaylistsResource(PlaylistService playlists, JsonWebToken token) {
        this.playlists = playlists;
        this.token = token;
    }

    @GET
    @Operation(operationId = "listMyPlaylists", summary = "Playlists you own or collaborate on, newest first")
    @APIResponse(responseCode = "200", description = "A page of playlists; pass nextCursor as ?cursor= for the next")
    @APIResponse(responseCode = "400", description = "The limit or cursor is not valid")
    public Uni<Page<PlaylistViews.PlaylistView>> listMyPlaylists(
            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(PlaylistTrackResource.MAX_PAGE) int limit,
            @QueryParam("cursor") @Parameter(description = "nextCursor of the previous page") String cursor) {
        String path = "/api/catalog/me/playlists";
        Optional<Instant> afterCreated = Optional.empty();
        Optional<UUID> afterId = Optional.empty();
        if (cursor != null && !cursor.isBlank()) {
            String[] values = PageCursor.decode(cursor, 2, path);
            try {
                afterCreated = Optional.of(Instant.parse(values[0]));
                afterId = Optional.of(UUID.fromString(values[1]));
            } catch (RuntimeException e) {
                throw PageCursor.invalid("cursor", "is not a cursor this service gave; start again without it", path);
            }
        }
        return playlists.mine(token.getSubject(), afterCreated, afterId, limit + 1).map(found -> Page.ofOneMore(found, limit,
                last -> PageCursor.encode(last.playlist().createdAt.toString(), last.playlist().id.toString()), PlaylistMapper::view));
    }
}
