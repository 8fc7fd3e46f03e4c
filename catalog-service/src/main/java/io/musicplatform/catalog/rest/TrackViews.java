package io.musicplatform.catalog.rest;

import io.musicplatform.catalog.entity.Album;
import io.musicplatform.catalog.entity.Track;
import io.musicplatform.catalog.mapping.TrackMapper;
import io.musicplatform.catalog.service.CatalogService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The views of a set of tracks, their artists and albums read in two queries for the whole set. */
@ApplicationScoped
public class TrackViews {

    private final CatalogService catalog;

    public TrackViews(CatalogService catalog) {
        this.catalog = catalog;
    }

    /** Each track's view by its id. */
    public Uni<Map<UUID, TrackView>> of(Collection<Track> tracks) {
        Set<UUID> artistIds = new HashSet<>();
        Set<UUID> albumIds = new HashSet<>();
        tracks.forEach(track -> {
            artistIds.addAll(track.artistIds);
            if (track.albumId != null) {
                albumIds.add(track.albumId);
            }
        });
        return catalog.artists(artistIds).chain(artists -> catalog.albums(albumIds).map(albums -> {
            Map<UUID, Album> albumsById = albums.stream().collect(Collectors.toMap(album -> album.id, Function.identity()));
            return tracks.stream().collect(Collectors.toMap(track -> track.id,
                    track -> TrackMapper.view(track, artists, track.albumId == null ? null : albumsById.get(track.albumId)),
                    (first, same) -> first));
        }));
    }
}
