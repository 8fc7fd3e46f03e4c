package io.musicplatform.catalog.rest;

import io.musicplatform.catalog.entity.Track;
import io.musicplatform.catalog.mapping.TrackMapper;
import io.musicplatform.catalog.service.BrowseService;
import io.musicplatform.catalog.service.CatalogService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** One album with its tracks in disc and track order. */
@Path("/albums")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Browse")
@APIResponse(responseCode = "401", description = "No valid access token")
public class AlbumResource {

    private final CatalogService catalog;
    private final BrowseService browse;

    public AlbumResource(CatalogService catalog, BrowseService browse) {
        this.catalog = catalog;
        this.browse = browse;
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getAlbum", summary = "An album and its playable tracks, in disc and track order")
    @APIResponse(responseCode = "200", description = "The album",
            content = @Content(schema = @Schema(implementation = BrowseViews.AlbumDetail.class)))
    @APIResponse(responseCode = "404", description = "No such album")
    public Uni<BrowseViews.AlbumDetail> getAlbum(@PathParam("id") UUID id) {
        return catalog.album(id).chain(album -> {
            if (album == null) {
                throw new NotFoundException("No album has the id " + id + ".");
            }
            return browse.tracksOf(id).chain(tracks -> {
                Set<UUID> artistIds = new HashSet<>(List.of(album.artistId));
                tracks.forEach(track -> artistIds.addAll(track.artistIds));
                return catalog.artists(artistIds).map(artists -> {
                    String artistName = artists.stream().filter(a -> a.id.equals(album.artistId)).map(a -> a.name).findFirst().orElse(null);
                    List<TrackView> views = tracks.stream().map((Track track) -> TrackMapper.view(track, artists, album)).toList();
                    return new BrowseViews.AlbumDetail(album.id, album.title, new TrackView.ArtistRef(album.artistId, artistName), views);
                });
            });
        });
    }
}
