package io.musicplatform.stats.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.musicplatform.events.TrackPlayed;
import io.musicplatform.stats.config.StatsConfig;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Counts a batch of plays exactly once: in ONE database transaction it drops what the stored offsets
 * say was already counted and every eventId already counted, sums the rest in memory
 * ({@link PlayTotals}), writes one upsert per key per table, the history rows, and the batch's next
 * offset per partition. Either all of it commits or none of it, so a consumer killed at any point
 * resumes from the stored offsets and counts nothing twice.
 *
 * <p>Every statement here is set-based SQL on the reactive client, not Panache: each carries a whole
 * batch as arrays ({@code unnest}), one round trip per table instead of one per play or per key,
 * which is what makes tens of thousands of plays per second possible on one durable database.
 */
@ApplicationScoped
public class PlayCounter {

    /** Plays before the erasure time of their listener are no longer theirs. */
    private static final String ERASURES = "SELECT user_id, erased_at FROM %s.user_erasure WHERE user_id = ANY($1)";

    private final Pool pool;
    private final PlayPartitions partitions;
    private final String erasures;
    private final String lockErasures;
    private final Counter counted;
    private final Counter repeated;
    private final Timer aggregate;
    private final Timer write;

    public PlayCounter(Pool pool, PlayPartitions partitions, StatsConfig config, MeterRegistry registry,
                       @org.eclipse.microprofile.config.inject.ConfigProperty(name = "music.schema") String schema) {
        this.pool = pool;
        this.partitions = partitions;
        String erasureSchema = config.erasuresSchema().orElse(schema);
        this.erasures = String.format(ERASURES, erasureSchema);
        // SHARE: batches do not block one another; an erasure (SHARE ROW EXCLUSIVE) waits for the batches
        // under way and holds the next ones until it commits, so no play of an erased listener slips in.
        this.lockErasures = "LOCK TABLE " + erasureSchema + ".user_erasure IN SHARE MODE";
        this.counted = Counter.builder("music.plays.counted")
                .description("Plays counted, each eventId once, committed with the consumed offsets").register(registry);
        this.repeated = Counter.builder("music.stats.plays.repeated")
                .description("Plays read again and not counted: an eventId already counted, or a record below the stored offset")
                .register(registry);
        this.aggregate = stage(registry, "aggregate");
        this.write = stage(registry, "write");
    }

    static Timer stage(MeterRegistry registry, String stage) {
        return Timer.builder("music.stats.batch.stage")
                .description("Time spent per batch in each stage of counting (decode, aggregate, write)")
                .tag("stage", stage).register(registry);
    }

    /**
     * Where the batch's own work runs between its statements: summing and dedup take milliseconds of CPU
     * per batch, and building the statements' arrays as much again. The reactive client answers on its
     * connection's event loop, which every connection's I/O shares: handing the work to a worker thread
     * keeps that loop free, while the statements still run one after the other in the one transaction.
     */
    private static Executor workers() {
        return Infrastructure.getDefaultWorkerPool();
    }

    /**
     * Counts {@code plays} read from {@code topic}, and stores {@code nextOffsets} (per partition, one past
     * the last record of the batch, unreadable ones included) in the same transaction.
     *
     * @return how many plays were counted (new eventIds)
     */
    public Uni<Integer> count(String topic, List<Play> plays, Map<Integer, Long> nextOffsets) {
        long started = System.nanoTime();
        return partitions.ensureFor(plays.stream().map(p -> p.event().occurredAt()).toList())
                .chain(() -> pool.withTransaction(connection -> count(connection, topic, plays, nextOffsets)))
                .invoke(n -> {
                    counted.increment(n);
                    write.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                });
    }

    private Uni<Integer> count(SqlConnection connection, String topic, List<Play> plays, Map<Integer, Long> nextOffsets) {
        Integer[] partitionIds = nextOffsets.keySet().stream().sorted().toArray(Integer[]::new);
        return connection.query(lockErasures).execute()
                .chain(() -> connection.preparedQuery(
                        "SELECT partition, next_offset FROM consumer_offset WHERE topic = $1 AND partition = ANY($2) FOR UPDATE")
                        .execute(Tuple.of(topic, partitionIds)))
                .emitOn(workers())
                .chain(stored -> {
                    Map<Integer, Long> from = new HashMap<>();
                    stored.forEach(row -> from.put(row.getInteger("partition"), row.getLong("next_offset")));
                    // A record below the stored offset was counted by an earlier transaction (a redelivered
                    // batch, or records fetched before a rebalance moved the partition): skip it.
                    Map<UUID, TrackPlayed> unseen = new LinkedHashMap<>();
                    int skipped = 0;
                    for (Play play : plays) {
                        if (play.offset() < from.getOrDefault(play.partition(), 0L)
                                || unseen.putIfAbsent(play.event().eventId(), play.event()) != null) {
                            skipped++;
                        }
                    }
                    repeated.increment(skipped);
                    return countNew(connection, new ArrayList<>(unseen.values()));
                })
                .call(() -> storeOffsets(connection, topic, nextOffsets));
    }

    private Uni<Integer> countNew(SqlConnection connection, List<TrackPlayed> candidates) {
        if (candidates.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return connection.preparedQuery("""
                        INSERT INTO counted_play (event_id, played_at)
                        SELECT * FROM unnest($1::uuid[], $2::timestamptz[])
                        ON CONFLICT DO NOTHING RETURNING event_id""")
                .execute(Tuple.of(column(candidates, TrackPlayed::eventId, UUID[]::new),
                        column(candidates, p -> utc(p.occurredAt()), OffsetDateTime[]::new)))
                .emitOn(workers())
                .chain(inserted -> {
                    Set<UUID> fresh = new HashSet<>();
                    inserted.forEach(row -> fresh.add(row.getUUID(0)));
                    repeated.increment(candidates.size() - fresh.size());
                    List<TrackPlayed> counting = candidates.stream().filter(p -> fresh.contains(p.eventId())).toList();
                    if (counting.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    String[] users = counting.stream().map(TrackPlayed::userId).distinct().toArray(String[]::new);
                    return connection.preparedQuery(erasures).execute(Tuple.of((Object) users)).emitOn(workers()).chain(erased -> {
                        long started = System.nanoTime();
                        Map<String, Instant> erasedAt = new HashMap<>();
                        erased.forEach(row -> erasedAt.put(row.getString("user_id"), row.getOffsetDateTime("erased_at").toInstant()));
                        PlayTotals totals = PlayTotals.of(counting, play -> {
                            Instant until = erasedAt.get(play.userId());
                            return until == null || play.occurredAt().isAfter(until);
                        });
                        aggregate.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                        return write(connection, totals).replaceWith(counting.size());
                    });
                });
    }

    private Uni<Void> write(SqlConnection connection, PlayTotals totals) {
        List<Uni<RowSet<Row>>> statements = new ArrayList<>();
        if (!totals.history.isEmpty()) {
            List<TrackPlayed> h = totals.history;
            statements.add(connection.preparedQuery("""
                            INSERT INTO listening_history (user_id, played_at, event_id, track_id, artist, genre, duration_ms, platform, device, country)
                            SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::uuid[], $4::text[], $5::text[], $6::text[],
                                                 $7::bigint[], $8::text[], $9::text[], $10::text[])""")
                    .execute(Tuple.from(new Object[]{
                            column(h, TrackPlayed::userId, String[]::new),
                            column(h, p -> utc(p.occurredAt()), OffsetDateTime[]::new),
                            column(h, TrackPlayed::eventId, UUID[]::new),
                            column(h, TrackPlayed::trackId, String[]::new),
                            column(h, p -> p.track().artist(), String[]::new),
                            column(h, p -> p.track().genre(), String[]::new),
                            column(h, p -> p.track().durationMs(), Long[]::new),
                            column(h, p -> p.context().platform(), String[]::new),
                            column(h, p -> p.context().device(), String[]::new),
                            column(h, p -> p.context().country(), String[]::new)})));
        }
        // The rows keyed by track go unsorted: a track's plays are all on one partition, and two
        // transactions with the same partition (a rebalance) wait for each other on its consumer_offset
        // row (FOR UPDATE, above) before they write anything, so no other transaction holds one of these
        // rows. Only a partition's very first batch has no row to wait on yet: two overlapping ones could
        // at worst deadlock, which PostgreSQL breaks by failing one, retried like any failure. Sorting every
        // key was a tenth of the service's CPU (Java Flight Recorder); these are most of the keys.
        var tracks = new ArrayList<>(totals.tracks.entrySet());
        statements.add(connection.preparedQuery("""
                        INSERT INTO track_plays AS t (track_id, artist, plays, last_played_at)
                        SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::timestamptz[])
                        ON CONFLICT (track_id) DO UPDATE SET plays = t.plays + EXCLUDED.plays,
                            artist = CASE WHEN EXCLUDED.last_played_at >= t.last_played_at THEN EXCLUDED.artist ELSE t.artist END,
                            last_played_at = GREATEST(t.last_played_at, EXCLUDED.last_played_at)""")
                .execute(Tuple.of(column(tracks, Map.Entry::getKey, String[]::new),
                        column(tracks, e -> e.getValue().artist(), String[]::new),
                        column(tracks, e -> e.getValue().plays(), Long[]::new),
                        column(tracks, e -> utc(e.getValue().lastPlayedAt()), OffsetDateTime[]::new))));
        var trackPeriods = new ArrayList<>(totals.trackPeriods.entrySet());
        statements.add(connection.preparedQuery("""
                        INSERT INTO track_period_plays AS t (period, starts, track_id, artist, plays)
                        SELECT * FROM unnest($1::text[], $2::date[], $3::text[], $4::text[], $5::bigint[])
                        ON CONFLICT (period, starts, track_id) DO UPDATE SET plays = t.plays + EXCLUDED.plays""")
                .execute(Tuple.of(column(trackPeriods, e -> e.getKey().period(), String[]::new),
                        column(trackPeriods, e -> e.getKey().starts(), LocalDate[]::new),
                        column(trackPeriods, e -> e.getKey().id(), String[]::new),
                        column(trackPeriods, e -> e.getValue().name(), String[]::new),
                        column(trackPeriods, e -> e.getValue().plays(), Long[]::new))));
        // Rows keyed by track come first: a track belongs to one partition, hence to one consumer, and
        // no other transaction waits on them. Listeners, artists and the daily rows are shared by every
        // consumer: they come after, so that a transaction holds them for the shortest time before its commit.
        if (!totals.users.isEmpty()) {
            var users = sorted(totals.users);
            statements.add(connection.preparedQuery("""
                            INSERT INTO user_plays AS u (user_id, plays, last_track_id, last_played_at)
                            SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::timestamptz[])
                            ON CONFLICT (user_id) DO UPDATE SET plays = u.plays + EXCLUDED.plays,
                                last_track_id = CASE WHEN (EXCLUDED.last_played_at, EXCLUDED.last_track_id) > (u.last_played_at, u.last_track_id)
                                                     THEN EXCLUDED.last_track_id ELSE u.last_track_id END,
                                last_played_at = GREATEST(u.last_played_at, EXCLUDED.last_played_at)""")
                    .execute(Tuple.of(column(users, Map.Entry::getKey, String[]::new),
                            column(users, e -> e.getValue().plays(), Long[]::new),
                            column(users, e -> e.getValue().lastTrackId(), String[]::new),
                            column(users, e -> utc(e.getValue().lastPlayedAt()), OffsetDateTime[]::new))));
        }
        var artistPeriods = sorted(totals.artistPeriods);
        statements.add(connection.preparedQuery("""
                        INSERT INTO artist_period_plays AS a (period, starts, artist_id, artist, plays)
                        SELECT * FROM unnest($1::text[], $2::date[], $3::uuid[], $4::text[], $5::bigint[])
                        ON CONFLICT (period, starts, artist_id) DO UPDATE SET plays = a.plays + EXCLUDED.plays""")
                .execute(Tuple.of(column(artistPeriods, e -> e.getKey().period(), String[]::new),
                        column(artistPeriods, e -> e.getKey().starts(), LocalDate[]::new),
                        column(artistPeriods, e -> UUID.fromString(e.getKey().id()), UUID[]::new),
                        column(artistPeriods, e -> e.getValue().name(), String[]::new),
                        column(artistPeriods, e -> e.getValue().plays(), Long[]::new))));
        var genres = sorted(totals.genreHours);
        statements.add(connection.preparedQuery("""
                        INSERT INTO genre_hour_plays AS g (day, hour, genre, plays)
                        SELECT * FROM unnest($1::date[], $2::smallint[], $3::text[], $4::bigint[])
                        ON CONFLICT (day, hour, genre) DO UPDATE SET plays = g.plays + EXCLUDED.plays""")
                .execute(Tuple.of(column(genres, e -> e.getKey().day(), LocalDate[]::new),
                        column(genres, e -> (short) e.getKey().hour(), Short[]::new),
                        column(genres, e -> e.getKey().genre(), String[]::new),
                        column(genres, Map.Entry::getValue, Long[]::new))));
        var contexts = sorted(totals.contexts);
        statements.add(connection.preparedQuery("""
                        INSERT INTO context_daily_plays AS c (day, dimension, value, plays)
                        SELECT * FROM unnest($1::date[], $2::text[], $3::text[], $4::bigint[])
                        ON CONFLICT (day, dimension, value) DO UPDATE SET plays = c.plays + EXCLUDED.plays""")
                .execute(Tuple.of(column(contexts, e -> e.getKey().day(), LocalDate[]::new),
                        column(contexts, e -> e.getKey().dimension(), String[]::new),
                        column(contexts, e -> e.getKey().value(), String[]::new),
                        column(contexts, Map.Entry::getValue, Long[]::new))));
        var days = sorted(totals.days);
        statements.add(connection.preparedQuery("""
                        INSERT INTO daily_plays AS d (day, plays) SELECT * FROM unnest($1::date[], $2::bigint[])
                        ON CONFLICT (day) DO UPDATE SET plays = d.plays + EXCLUDED.plays""")
                .execute(Tuple.of(column(days, Map.Entry::getKey, LocalDate[]::new), column(days, Map.Entry::getValue, Long[]::new))));
        // Sent together, in this order, on the transaction's connection: the client pipelines them (one
        // round trip instead of eight, which is most of a small batch's time at a live rate) and
        // PostgreSQL runs them one after the other in that order, so concurrent batches still lock rows
        // in the same order; the rows every batch shares (listeners, artists, genres, contexts, days)
        // come last, so that they stay locked for the shortest time before the commit. The first failure
        // fails the batch, and the transaction is rolled back.
        return Uni.join().all(statements).andFailFast().replaceWithVoid();
    }

    private Uni<Void> storeOffsets(SqlConnection connection, String topic, Map<Integer, Long> nextOffsets) {
        var offsets = new ArrayList<>(new java.util.TreeMap<>(nextOffsets).entrySet());
        return connection.preparedQuery("""
                        INSERT INTO consumer_offset AS o (topic, partition, next_offset)
                        SELECT $1, * FROM unnest($2::int[], $3::bigint[])
                        ON CONFLICT (topic, partition) DO UPDATE SET next_offset = GREATEST(o.next_offset, EXCLUDED.next_offset)""")
                .execute(Tuple.of(topic, column(offsets, Map.Entry::getKey, Integer[]::new), column(offsets, Map.Entry::getValue, Long[]::new)))
                .replaceWithVoid();
    }

    /** The entries in key order: every transaction locks rows in the same order, so two never deadlock. */
    private static <K extends Comparable<? super K>, V> List<Map.Entry<K, V>> sorted(Map<K, V> map) {
        // One array sort rather than a TreeMap: the same order at about half the cost for thousands of keys.
        List<Map.Entry<K, V>> entries = new ArrayList<>(map.entrySet());
        entries.sort(Map.Entry.comparingByKey());
        return entries;
    }

    private static <R, T> T[] column(List<R> rows, Function<R, T> value, java.util.function.IntFunction<T[]> array) {
        T[] column = array.apply(rows.size());
        for (int i = 0; i < column.length; i++) {
            column[i] = value.apply(rows.get(i));
        }
        return column;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
