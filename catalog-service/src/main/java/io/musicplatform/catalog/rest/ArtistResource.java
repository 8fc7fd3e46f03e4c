package io.musicplatform.catalog.rest;

import io.musicplatform.catalog.service.BrowseService;
import io.musicplatform.servicecore.api.Page;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Optional;
import java.util.UUID;

/** Artists, by name, and one artist with their albums. */
@Path("/artists")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Browse")
@APIResponse(responseCode = "401", description = "No valid access token")
public class ArtistResource {

    private final BrowseService browse;

    public ArtistResource(BrowseService browse) {
        this.browse = browse;
    }

    @GET
    @Operation(operationId = "listArtists", summary = "Artists by name, with their playable track counts")
    @APIResponse(responseCode = "200", description = "A page of artists")
    @APIResponse(responseCode = "400", description = "Limit or cursor not valid")
    public Uni<Page<BrowseViews.ArtistSummary>> listArtists(@QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit,
                                                            @QueryParam("cursor") String cursor) {
        Optional<String[]> after = Optional.ofNullable(cursor).filter(c -> !c.isBlank())
                .map(c -> PageCursor.decode(c, 2, "/api/catalog/artists"));
        Optional<UUID> afterId = after.map(values -> {
            try {
                return UUID.fromString(values[1]);
            } catch (IllegalArgumentException e) {
                throw PageCursor.invalid("cursor", "is not a cursor this service gave; start again without it", "/api/catalog/artists");
            }
        });
        return browse.artists(after.map(values -> values[0]), afterId, limit + 1).map(found -> Page.ofOneMore(found, limit,
                last -> PageCursor.encode(last.artist().name, last.artist().id.toString()),
                a -> new BrowseViews.ArtistSummary(a.artist().id, a.artist().name, a.tracks())));
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getArtist", summary = "An artist with the albums they are the album artist of")
    @APIResponse(responseCode = "200", description = "The artist",
            content = @Content(schema = @Schema(implementation = BrowseViews.ArtistDetail.class)))
    @APIResponse(responseCode = "404", description = "No such artist")
    public Uni<BrowseViews.ArtistDetail> getArtist(@PathParam("id") UUID id) {
        return browse.artist(id).chain(artist -> {
            if (artist == null) {
                throw new NotFoundException("No artist has the id " + id + ".");
            }
            return browse.albumsOf(id).map(albums -> new BrowseViews.ArtistDetail(artist.artist().id, artist.artist().name,
                    artist.tracks(), albums.stream()
                    .map(a -> new BrowseViews.AlbumSummary(a.album().id, a.album().title, a.tracks())).toList()));
        });
    }
}
