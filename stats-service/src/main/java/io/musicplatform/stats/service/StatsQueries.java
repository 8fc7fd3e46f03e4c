package io.musicplatform.stats.service;

import io.musicplatform.events.ArtistId;
import io.musicplatform.stats.config.StatsConfig;
import io.musicplatform.stats.entity.DailyPlays;
import io.musicplatform.stats.entity.TrackPlays;
import io.musicplatform.stats.entity.UserPlays;
import io.musicplatform.stats.service.StatsViews.ArtistRank;
import io.musicplatform.stats.service.StatsViews.BreakdownEntry;
import io.musicplatform.stats.service.StatsViews.DayPlays;
import io.musicplatform.stats.service.StatsViews.Erasure;
import io.musicplatform.stats.service.StatsViews.GenreHour;
import io.musicplatform.stats.service.StatsViews.HistoryEntry;
import io.musicplatform.stats.service.StatsViews.TrackRank;
import io.musicplatform.stats.service.StatsViews.TrackStats;
import io.musicplatform.stats.service.StatsViews.UserStats;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Everything the API reads, and the erasure. Single rows come through the Panache entities; the
 * listening history (a partitioned table read by keyset) and every aggregate (GROUP BY over rollups)
 * are set-based SQL on the reactive client, which Panache would only wrap.
 */
@ApplicationScoped
public class StatsQueries {

    /** Where a page of history ends: the last play's time and id, in the order the history is read (newest first). */
    public record HistoryCursor(Instant playedAt, UUID eventId) {
    }

    private static final String HISTORY = """
            SELECT event_id, played_at, track_id, artist, genre, duration_ms, platform, device, country
            FROM listening_history WHERE user_id = $1 AND (played_at, event_id) < ($2, $3)
            ORDER BY played_at DESC, event_id DESC LIMIT $4""";

    private final Pool pool;
    private final StatsConfig config;

    public StatsQueries(Pool pool, StatsConfig config) {
        this.pool = pool;
        this.config = config;
    }

    @WithSession
    public Uni<TrackStats> track(String trackId) {
        return TrackPlays.<TrackPlays>findById(trackId).map(t -> t == null
                ? new TrackStats(trackId, null, 0, null)
                : new TrackStats(t.trackId, t.artist, t.plays, t.lastPlayedAt));
    }

    @WithSession
    public Uni<UserStats> user(String userId) {
        return UserPlays.<UserPlays>findById(userId).map(u -> u == null
                ? new UserStats(userId, 0, null, null)
                : new UserStats(u.userId, u.plays, u.lastTrackId, u.lastPlayedAt));
    }

    /** Every day from {@code from} to {@code to}, both included, with 0 for a day without plays. */
    @WithSession
    public Uni<List<DayPlays>> daily(LocalDate from, LocalDate to) {
        return DailyPlays.<DailyPlays>list("day between ?1 and ?2", from, to).map(found -> {
            Map<LocalDate, Long> byDay = new LinkedHashMap<>();
            found.forEach(d -> byDay.put(d.day, d.plays));
            List<DayPlays> days = new ArrayList<>();
            for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
                days.add(new DayPlays(day, byDay.getOrDefault(day, 0L)));
            }
            return days;
        });
    }

    /** One page of a listener's history, newest first, after {@code cursor}; {@code limit} rows at most. */
    public Uni<List<HistoryEntry>> history(String userId, Optional<HistoryCursor> cursor, int limit) {
        HistoryCursor after = cursor.orElse(new HistoryCursor(Instant.parse("9999-12-31T23:59:59Z"), new UUID(-1L, -1L)));
        return pool.preparedQuery(HISTORY)
                .execute(Tuple.of(userId, after.playedAt().atOffset(ZoneOffset.UTC), after.eventId(), limit))
                .map(rows -> {
                    List<HistoryEntry> entries = new ArrayList<>();
                    rows.forEach(row -> entries.add(historyEntry(row)));
                    return entries;
                });
    }

    /** A listener's whole history, newest first, read a chunk at a time while the caller streams it. */
    public Multi<HistoryEntry> export(String userId) {
        AtomicReference<Optional<HistoryCursor>> next = new AtomicReference<>(Optional.empty());
        return Multi.createBy().repeating()
                .uni(() -> history(userId, next.get(), config.exportChunk())
                        .invoke(chunk -> next.set(chunk.isEmpty() ? next.get()
                                : Optional.of(new HistoryCursor(chunk.getLast().playedAt(), chunk.getLast().playId())))))
                .whilst(chunk -> chunk.size() == config.exportChunk())
                .onItem().transformToIterable(chunk -> chunk);
    }

    /** A listener's most played tracks in the period that starts on {@code starts}, from their history. */
    public Uni<List<TrackRank>> userTopTracks(String userId, Period period, LocalDate starts, int limit) {
        return pool.preparedQuery("""
                        SELECT track_id, max(artist) AS artist, count(*) AS plays FROM listening_history
                        WHERE user_id = $1 AND played_at >= $2 AND played_at < $3
                        GROUP BY track_id ORDER BY plays DESC, track_id LIMIT $4""")
                .execute(Tuple.of(userId, midnight(starts), midnight(period.end(starts)), limit))
                .map(rows -> {
                    List<TrackRank> ranks = new ArrayList<>();
                    rows.forEach(row -> ranks.add(new TrackRank(row.getString("track_id"), row.getString("artist"), row.getLong("plays"))));
                    return ranks;
                });
    }

    /** A listener's most played artists in the period; names that normalize alike are one artist. */
    public Uni<List<ArtistRank>> userTopArtists(String userId, Period period, LocalDate starts, int limit) {
        return pool.preparedQuery("""
                        SELECT artist, count(*) AS plays FROM listening_history
                        WHERE user_id = $1 AND played_at >= $2 AND played_at < $3 GROUP BY artist""")
                .execute(Tuple.of(userId, midnight(starts), midnight(period.end(starts))))
                .map(rows -> {
                    Map<String, ArtistRank> byId = new LinkedHashMap<>();
                    rows.forEach(row -> {
                        String name = row.getString("artist");
                        String id = ArtistId.of(name);
                        byId.merge(id, new ArtistRank(id, name, row.getLong("plays")),
                                (a, b) -> new ArtistRank(id, a.plays() >= b.plays() ? a.artist() : b.artist(), a.plays() + b.plays()));
                    });
                    return byId.values().stream()
                            .sorted(Comparator.comparingLong(ArtistRank::plays).reversed().thenComparing(ArtistRank::artistId))
                            .limit(limit).toList();
                });
    }

    public Uni<List<TrackRank>> topTracks(Period period, LocalDate starts, int limit) {
        return pool.preparedQuery("""
                        SELECT track_id, artist, plays FROM track_period_plays WHERE period = $1 AND starts = $2
                        ORDER BY plays DESC, track_id LIMIT $3""")
                .execute(Tuple.of(period.code(), starts, limit))
                .map(rows -> {
                    List<TrackRank> ranks = new ArrayList<>();
                    rows.forEach(row -> ranks.add(new TrackRank(row.getString("track_id"), row.getString("artist"), row.getLong("plays"))));
                    return ranks;
                });
    }

    public Uni<List<ArtistRank>> topArtists(Period period, LocalDate starts, int limit) {
        return pool.preparedQuery("""
                        SELECT artist_id, artist, plays FROM artist_period_plays WHERE period = $1 AND starts = $2
                        ORDER BY plays DESC, artist_id LIMIT $3""")
                .execute(Tuple.of(period.code(), starts, limit))
                .map(rows -> {
                    List<ArtistRank> ranks = new ArrayList<>();
                    rows.forEach(row -> ranks.add(new ArtistRank(row.getUUID("artist_id").toString(), row.getString("artist"), row.getLong("plays"))));
                    return ranks;
                });
    }

    public Uni<List<GenreHour>> genresByHour(LocalDate from, LocalDate to) {
        return pool.preparedQuery("""
                        SELECT genre, hour, sum(plays) AS plays FROM genre_hour_plays WHERE day BETWEEN $1 AND $2
                        GROUP BY genre, hour ORDER BY hour, plays DESC, genre""")
                .execute(Tuple.of(from, to))
                .map(rows -> {
                    List<GenreHour> cells = new ArrayList<>();
                    rows.forEach(row -> cells.add(new GenreHour(blankToNull(row.getString("genre")), row.getInteger("hour"), row.getLong("plays"))));
                    return cells;
                });
    }

    public Uni<List<BreakdownEntry>> breakdown(String dimension, LocalDate from, LocalDate to) {
        return pool.preparedQuery("""
                        SELECT value, sum(plays) AS plays FROM context_daily_plays WHERE dimension = $1 AND day BETWEEN $2 AND $3
                        GROUP BY value ORDER BY plays DESC, value""")
                .execute(Tuple.of(dimension, from, to))
                .map(rows -> {
                    List<BreakdownEntry> entries = new ArrayList<>();
                    rows.forEach(row -> entries.add(new BreakdownEntry(blankToNull(row.getString("value")), row.getLong("plays"))));
                    return entries;
                });
    }

    /**
     * Erases a listener's history and per-listener figures, and records the erasure so that neither a
     * late or repeated record nor a rebuild from the topic brings them back. The erasure time is now,
     * or the listener's latest play if that is later (a play stamped ahead of the database's clock).
     * The table lock waits for the batches being counted and holds the next ones until this commits
     * (they take it in SHARE mode), so no play of the listener slips in between.
     */
    public Uni<Erasure> erase(String userId) {
        return pool.withTransaction(connection -> connection.query("LOCK TABLE user_erasure IN SHARE ROW EXCLUSIVE MODE").execute()
                .chain(() -> connection.preparedQuery("""
                                INSERT INTO user_erasure AS e (user_id, erased_at)
                                SELECT $1, GREATEST(now(), (SELECT last_played_at FROM user_plays WHERE user_id = $1))
                                ON CONFLICT (user_id) DO UPDATE SET erased_at = GREATEST(e.erased_at, EXCLUDED.erased_at)
                                RETURNING erased_at""")
                        .execute(Tuple.of(userId)))
                .chain(erasure -> {
                    Instant erasedAt = erasure.iterator().next().getOffsetDateTime("erased_at").toInstant();
                    return connection.preparedQuery("DELETE FROM listening_history WHERE user_id = $1").execute(Tuple.of(userId))
                            .chain(history -> connection.preparedQuery("DELETE FROM user_plays WHERE user_id = $1").execute(Tuple.of(userId))
                                    .replaceWith(new Erasure(history.rowCount(), erasedAt)));
                }));
    }

    private static HistoryEntry historyEntry(Row row) {
        return new HistoryEntry(row.getUUID("event_id"), row.getOffsetDateTime("played_at").toInstant(), row.getString("track_id"),
                row.getString("artist"), row.getString("genre"), row.getLong("duration_ms"), row.getString("platform"),
                row.getString("device"), row.getString("country"));
    }

    private static OffsetDateTime midnight(LocalDate day) {
        return day.atStartOfDay().atOffset(ZoneOffset.UTC);
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
