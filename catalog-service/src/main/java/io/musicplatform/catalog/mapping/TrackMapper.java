package io.musicplatform.catalog.mapping;

import io.musicplatform.catalog.entity.Album;
import io.musicplatform.catalog.entity.Artist;
import io.musicplatform.catalog.entity.Track;
import io.musicplatform.catalog.rest.TrackView;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Track (with its artists and album) to the API's view. */
public final class TrackMapper {

    private TrackMapper() {
    }

    public static TrackView view(Track track, List<Artist> artists, Album album) {
        Map<UUID, Artist> byId = artists.stream().collect(Collectors.toMap(a -> a.id, Function.identity()));
        List<TrackView.ArtistRef> named = track.artistIds.stream()
                .map(id -> new TrackView.ArtistRef(id, byId.containsKey(id) ? byId.get(id).name : null))
                .toList();
        TrackView.AlbumRef albumRef = album == null ? null : new TrackView.AlbumRef(album.id, album.title, album.artistId);
        Double average = track.ratingCount == 0 ? null : Math.round(10.0 * track.ratingSum / track.ratingCount) / 10.0;
        return new TrackView(track.id, track.title, named, albumRef, track.genre, track.durationMs, track.year,
                track.discNumber, track.trackNumber, track.createdAt, track.updatedAt,
                new TrackView.Rating(average, track.ratingCount));
    }

    /** Changes whenever what {@link #view} shows changes: a new revision or a new rating. */
    public static String entityTag(Track track) {
        return track.revision + "-" + track.ratingCount + "-" + track.ratingSum;
    }
}
