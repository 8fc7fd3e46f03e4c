package io.musicplatform.catalog.service;

import io.musicplatform.catalog.entity.Album;
import io.musicplatform.catalog.entity.Artist;
import io.musicplatform.catalog.entity.Track;
import io.musicplatform.events.TrackStatus;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Browsing the catalog by artist, album and genre. Counts are of playable tracks only: a track taken
 * down leaves every list. Pages are keyset pages, like the track list.
 */
@ApplicationScoped
public class BrowseService {

    /** An artist with how many playable tracks name it. */
    public record ArtistCount(Artist artist, long tracks) {
    }

    /** An album with how many playable tracks it has. */
    public record AlbumCount(Album album, long tracks) {
    }

    /** A genre with how many playable tracks it has. */
    public record GenreCount(String name, long tracks) {
    }

    private static final String PLAYABLE_TRACKS_OF_ARTIST =
            "(select count(t) from Track t where a.id member of t.artistIds and t.status = :available)";

    /** Artists by name, then id; {@code limit + 1} at most, so the caller knows whether a next page exists. */
    @WithSession
    public Uni<List<ArtistCount>> artists(Optional<String> afterName, Optional<UUID> afterId, int limit) {
        String after = afterName.isPresent() ? " where a.name > :name or (a.name = :name and a.id > :id)" : "";
        return Panache.getSession().chain(session -> {
            var query = session.createSelectionQuery("select a, " + PLAYABLE_TRACKS_OF_ARTIST + " from Artist a" + after
                            + " order by a.name, a.id", Object[].class)
                    .setParameter("available", TrackStatus.AVAILABLE)
                    .setMaxResults(limit);
            afterName.ifPresent(name -> query.setParameter("name", name).setParameter("id", afterId.orElseThrow()));
            return query.getResultList();
        }).map(rows -> rows.stream().map(row -> new ArtistCount((Artist) row[0], (Long) row[1])).toList());
    }

    @WithSession
    public Uni<ArtistCount> artist(UUID id) {
        return Panache.getSession().chain(session -> session
                .createSelectionQuery("select a, " + PLAYABLE_TRACKS_OF_ARTIST + " from Artist a where a.id = :id", Object[].class)
                .setParameter("available", TrackStatus.AVAILABLE).setParameter("id", id)
                .getSingleResultOrNull())
                .map(row -> row == null ? null : new ArtistCount((Artist) row[0], (Long) row[1]));
    }

    /** The albums whose album artist is {@code artist}, by title. */
    @WithSession
    public Uni<List<AlbumCount>> albumsOf(UUID artist) {
        return Panache.getSession().chain(session -> session
                .createSelectionQuery("select b, (select count(t) from Track t where t.albumId = b.id and t.status = :available)"
                        + " from Album b where b.artistId = :artist order by b.title, b.id", Object[].class)
                .setParameter("available", TrackStatus.AVAILABLE).setParameter("artist", artist)
                .getResultList())
                .map(rows -> rows.stream().map(row -> new AlbumCount((Album) row[0], (Long) row[1])).toList());
    }

    /** An album's playable tracks in disc, then track order; tracks without numbers come last, by title. */
    @WithSession
    public Uni<List<Track>> tracksOf(UUID album) {
        return Track.list("albumId = ?1 and status = ?2 order by discNumber asc nulls last, trackNumber asc nulls last, title, id",
                album, TrackStatus.AVAILABLE);
    }

    /** Genres of playable tracks by name, with their counts; {@code limit + 1} at most. */
    @WithSession
    public Uni<List<GenreCount>> genres(Optional<String> after, int limit) {
        String beyond = after.isPresent() ? " and t.genre > :after" : "";
        return Panache.getSession().chain(session -> {
            var query = session.createSelectionQuery("select t.genre, count(t) from Track t where t.status = :available"
                            + " and t.genre is not null" + beyond + " group by t.genre order by t.genre", Object[].class)
                    .setParameter("available", TrackStatus.AVAILABLE)
                    .setMaxResults(limit);
            after.ifPresent(name -> query.setParameter("after", name));
            return query.getResultList();
        }).map(rows -> rows.stream().map(row -> new GenreCount((String) row[0], (Long) row[1])).toList());
    }
}
