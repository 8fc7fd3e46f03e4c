package io.musicplatform.catalog.service;

import io.musicplatform.catalog.entity.Album;
import io.musicplatform.catalog.entity.Artist;
import io.musicplatform.catalog.entity.Track;
import io.musicplatform.catalog.mapping.CatalogIds;
import io.musicplatform.events.TrackIngested;
import io.musicplatform.events.TrackStatus;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The catalog's rules: the highest revision of a track wins, an older or repeated one changes nothing;
 * artists and albums are found again by their derived ids, so a replay of the topic rebuilds the same
 * catalog. Knows nothing of Kafka or HTTP.
 */
@ApplicationScoped
public class CatalogService {

    /**
     * A track with its album and its artists' ids and names in order, read by {@link #trackDetail(Row)};
     * the artists come from a lateral subquery, so they are read only for the rows a page keeps.
     */
    static final String DETAIL_SELECT = """
            SELECT t.id, t.revision, t.status, t.title, t.album_id, t.genre, t.year, t.disc_number, t.track_number,
                   t.duration_ms, t.created_at, t.updated_at, t.rating_count, t.rating_sum,
                   al.title AS album_title, al.artist_id AS album_artist, a.artist_ids, a.artist_names
            FROM track t
            LEFT JOIN album al ON al.id = t.album_id
            LEFT JOIN LATERAL (SELECT array_agg(ar.id ORDER BY ta.position) AS artist_ids,
                                      array_agg(ar.name ORDER BY ta.position) AS artist_names
                               FROM track_artist ta JOIN artist ar ON ar.id = ta.artist_id
                               WHERE ta.track_id = t.id) a ON true""";

    private final Pool pool;
    private final NotificationService notifications;

    public CatalogService(Pool pool, NotificationService notifications) {
        this.pool = pool;
        this.notifications = notifications;
    }

    /** What applying a revision did. */
    public enum Outcome { APPLIED, STALE }

    /** What applying a revision did, and how many new-release notifications it made. */
    public record Applied(Outcome outcome, int notifications) {

        static final Applied STALE = new Applied(Outcome.STALE, 0);
    }

    /**
     * Applies a revision of a track when it is newer than what the catalog holds. When it is the
     * track's first AVAILABLE revision, the listeners who follow it are notified in the same
     * transaction: a redelivery, which is stale, or a failure, which rolls both back, never makes a
     * notification twice.
     */
    @WithTransaction
    public Uni<Applied> apply(TrackIngested event) {
        UUID trackId = UUID.fromString(event.trackId());
        // The row lock orders two replicas that meet on one track during a rebalance.
        return Track.<Track>findById(trackId, LockModeType.PESSIMISTIC_WRITE).chain(existing -> {
            if (existing != null && existing.revision >= event.revision()) {
                return Uni.createFrom().item(Applied.STALE);
            }
            Map<UUID, String> artists = new LinkedHashMap<>();
            event.artists().forEach(name -> artists.putIfAbsent(CatalogIds.artist(name), name));
            Map<UUID, String> trackArtists = new LinkedHashMap<>(artists);
            String albumArtistName = event.albumArtist() != null ? event.albumArtist() : event.artists().getFirst();
            UUID albumArtist = CatalogIds.artist(albumArtistName);
            artists.putIfAbsent(albumArtist, albumArtistName);
            UUID albumId = event.album() == null ? null : CatalogIds.album(albumArtist, event.album());
            Track track = existing != null ? existing : newTrack(trackId, event);
            track.revision = event.revision();
            track.status = event.status();
            track.title = event.title();
            track.artistIds = new ArrayList<>(event.artists().stream().map(CatalogIds::artist).distinct().toList());
            track.albumId = albumId;
            track.genre = event.genre();
            track.year = event.year();
            track.discNumber = event.discNumber();
            track.trackNumber = event.trackNumber();
            track.durationMs = event.durationMs();
            track.updatedAt = event.occurredAt();
            return insertArtists(artists)
                    .chain(() -> albumId == null ? Uni.createFrom().voidItem() : insertAlbum(albumId, event.album(), albumArtist))
                    .chain(() -> existing != null ? Uni.createFrom().item(track) : track.persist())
                    .chain(() -> event.status() != TrackStatus.AVAILABLE ? Uni.createFrom().item(0)
                            : notifications.release(new NotificationService.Release(trackId, event.title(), event.occurredAt(),
                            trackArtists, event.genre(), albumId, event.album())))
                    .map(made -> new Applied(Outcome.APPLIED, made));
        });
    }

    /**
     * One page of the playable tracks that match {@code query}, each with its artists and album, plus
     * one more when there is a next page (the caller drops it and makes the cursor from the last it
     * keeps). Keyset paging: each page starts strictly after the last track of the previous one, so
     * tracks that arrive meanwhile never make a track repeat or vanish.
     *
     * <p>One statement through the reactive client, the busiest read of the catalog: the browse
     * indexes (V4) give the rows in order, and each row brings its artists and album along, where the
     * entities took four round trips (the tracks, their artist ids, the artists, the albums).
     */
    public Uni<List<TrackDetail>> tracks(TrackQuery query) {
        StringBuilder where = new StringBuilder("t.status = 'AVAILABLE'");
        List<Object> parameters = new ArrayList<>();
        query.artist().ifPresent(artist -> {
            parameters.add(artist);
            where.append(" AND EXISTS (SELECT 1 FROM track_artist f WHERE f.track_id = t.id AND f.artist_id = $")
                    .append(parameters.size()).append(')');
        });
        query.album().ifPresent(album -> {
            parameters.add(album);
            where.append(" AND t.album_id = $").append(parameters.size());
        });
        query.genre().ifPresent(genre -> {
            parameters.add(genre);
            where.append(" AND lower(t.genre) = lower($").append(parameters.size()).append(')');
        });
        query.titlePrefix().ifPresent(prefix -> {
            parameters.add(likePrefix(prefix));
            where.append(" AND lower(t.title) LIKE $").append(parameters.size()).append(" ESCAPE '\\'");
        });
        TrackSort sort = query.sort();
        String direction = sort.descending() ? "DESC" : "ASC";
        query.after().ifPresent(cursor -> {
            // A row comparison, not "a > v or (a = v and id > i)": PostgreSQL makes it a bound of the
            // browse index, so a page deep in the list costs what the first one does.
            parameters.add(cursor.value() instanceof Instant instant ? instant.atOffset(ZoneOffset.UTC) : cursor.value());
            parameters.add(cursor.id());
            where.append(" AND (").append(sort.column()).append(", t.id) ").append(sort.descending() ? "<" : ">")
                    .append(" ($").append(parameters.size() - 1).append(", $").append(parameters.size()).append(')');
        });
        parameters.add(query.limit());
        String sql = DETAIL_SELECT + " WHERE " + where + " ORDER BY " + sort.column() + " " + direction + ", t.id " + direction
                + " LIMIT $" + parameters.size();
        return pool.preparedQuery(sql).execute(Tuple.from(parameters)).map(rows -> {
            List<TrackDetail> page = new ArrayList<>(rows.size());
            rows.forEach(row -> page.add(trackDetail(row)));
            return page;
        });
    }

    private static String likePrefix(String prefix) {
        return prefix.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    @WithSession
    public Uni<List<Album>> albums(Collection<UUID> ids) {
        return ids.isEmpty() ? Uni.createFrom().item(List.of()) : Album.list("id in ?1", ids);
    }

    /** A track as its own page shows it: with its artists' names and its album. */
    public record TrackDetail(Track track, List<Artist> artists, Album album) {
    }

    /**
     * The track, its artists in order and its album in one round trip (the entities would take three
     * in a row: the track with its artist ids, the artists, the album); null when there is no such
     * track. The most read page of the catalog, so it goes through the reactive client directly.
     */
    public Uni<TrackDetail> trackDetail(UUID id) {
        return pool.preparedQuery(DETAIL_SELECT + " WHERE t.id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : trackDetail(rows.iterator().next()));
    }

    static TrackDetail trackDetail(Row row) {
        Track track = new Track();
        track.id = row.getUUID("id");
        track.revision = row.getLong("revision");
        track.status = TrackStatus.valueOf(row.getString("status"));
        track.title = row.getString("title");
        track.albumId = row.getUUID("album_id");
        track.genre = row.getString("genre");
        track.year = row.getInteger("year");
        track.discNumber = row.getInteger("disc_number");
        track.trackNumber = row.getInteger("track_number");
        track.durationMs = row.getLong("duration_ms");
        track.createdAt = row.getOffsetDateTime("created_at").toInstant();
        track.updatedAt = row.getOffsetDateTime("updated_at").toInstant();
        track.ratingCount = row.getLong("rating_count");
        track.ratingSum = row.getLong("rating_sum");
        UUID[] ids = row.getArrayOfUUIDs("artist_ids");
        String[] names = row.getArrayOfStrings("artist_names");
        List<Artist> artists = new ArrayList<>();
        for (int i = 0; ids != null && i < ids.length; i++) {
            Artist artist = new Artist();
            artist.id = ids[i];
            artist.name = names[i];
            artists.add(artist);
            track.artistIds.add(ids[i]);
        }
        Album album = null;
        if (track.albumId != null) {
            album = new Album();
            album.id = track.albumId;
            album.title = row.getString("album_title");
            album.artistId = row.getUUID("album_artist");
        }
        return new TrackDetail(track, artists, album);
    }

    @WithSession
    public Uni<List<Artist>> artists(Collection<UUID> ids) {
        return ids.isEmpty() ? Uni.createFrom().item(List.of()) : Artist.list("id in ?1", ids);
    }

    @WithSession
    public Uni<Album> album(UUID id) {
        return id == null ? Uni.createFrom().nullItem() : Album.findById(id);
    }

    private static Track newTrack(UUID id, TrackIngested event) {
        Track track = new Track();
        track.id = id;
        track.createdAt = event.occurredAt();
        return track;
    }

    /**
     * Artists and albums are shared by tracks read on other partitions, possibly by other replicas
     * at the same moment: one set-based insert that ignores what exists, rather than find-then-persist.
     */
    private static Uni<Void> insertArtists(Map<UUID, String> artists) {
        StringBuilder sql = new StringBuilder("INSERT INTO artist (id, name) VALUES ");
        List<Object> values = new ArrayList<>();
        int index = 1;
        for (Map.Entry<UUID, String> artist : artists.entrySet()) {
            sql.append(index > 1 ? ", " : "").append("(?").append(index++).append(", ?").append(index++).append(')');
            values.add(artist.getKey());
            values.add(artist.getValue());
        }
        sql.append(" ON CONFLICT (id) DO NOTHING");
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql.toString());
            for (int i = 0; i < values.size(); i++) {
                query.setParameter(i + 1, values.get(i));
            }
            return query.executeUpdate();
        }).replaceWithVoid();
    }

    private static Uni<Void> insertAlbum(UUID id, String title, UUID artist) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("INSERT INTO album (id, title, artist_id) VALUES (?1, ?2, ?3) ON CONFLICT (id) DO NOTHING")
                .setParameter(1, id).setParameter(2, title).setParameter(3, artist)
                .executeUpdate()).replaceWithVoid();
    }
}
