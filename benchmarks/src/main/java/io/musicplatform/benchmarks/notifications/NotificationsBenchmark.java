package io.musicplatform.benchmarks.notifications;

import io.musicplatform.benchmarks.Benchmark;
import io.musicplatform.benchmarks.PasswordGrant;
import io.musicplatform.benchmarks.Report;
import io.musicplatform.events.ArtistId;
import io.musicplatform.events.Media;
import io.musicplatform.events.Topics;
import io.musicplatform.events.TrackIngested;
import io.musicplatform.events.TrackIngestedSerializer;
import io.musicplatform.events.TrackStatus;
import io.musicplatform.realservers.PostgresServer;
import io.musicplatform.realservers.RealServers;
import io.musicplatform.realservers.ServerKind;
import io.musicplatform.realservers.ServiceProcess;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bin/bench notifications}: catalog-service's live side on the real Kafka, PostgreSQL and
 * Keycloak. Measured in one run:
 * <ol>
 *   <li><b>Fan-out.</b> One artist followed by 100,000 listeners releases a track: the time from the
 *       {@code TrackIngested} sent to Kafka to its 100,000 notifications committed (target: under 2 s),
 *       for several releases after a warm-up one. Its ceiling: PostgreSQL writing the same 100,000
 *       notification rows with one bare {@code INSERT ... SELECT} into a table of the same shape.</li>
 *   <li><b>Streams.</b> 2,000 Server-Sent Events streams watch one playlist; the playlist is renamed
 *       at a steady pace and each change's delay is timed from the request that made it to its arrival
 *       on each stream: the p99 over every change and stream (target: under 1 s). Its ceiling: the same
 *       2,000 clients on a bare Vert.x SSE echo server in the benchmark's JVM, its messages sent at the
 *       same pace.</li>
 * </ol>
 */
public final class NotificationsBenchmark implements Benchmark {

    private static final String SERVICE = "catalog-service";
    private static final String API = "/api/catalog";
    private static final int SUBSCRIBERS = 100_000;
    private static final int RELEASES = 5;
    private static final int STREAMS = 2_000;
    private static final int CHANGES = 40;
    private static final Duration CHANGE_EVERY = Duration.ofMillis(250);
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final double FAN_OUT_TARGET_MS = 2_000;
    private static final double STREAM_P99_TARGET_MS = 1_000;
    private static final String ARTIST = "Benchmark Orchestra";
    private static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*(\\d+)");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    public List<String> services() {
        return List.of(SERVICE);
    }

    @Override
    public EnumSet<ServerKind> servers() {
        return EnumSet.of(ServerKind.KAFKA, ServerKind.POSTGRES, ServerKind.KEYCLOAK);
    }

    /** The 2,000 streams are one listener's (one token): the per-user cap of streams is lifted for them. */
    @Override
    public Map<String, String> properties(String service) {
        return Map.of("music.catalog.stream.max-per-user", Integer.toString(STREAMS));
    }

    @Override
    public Report run(RealServers servers, Map<String, ServiceProcess> launched) throws Exception {
        ServiceProcess catalog = launched.get(SERVICE);
        Report report = new Report();
        try (Connection database = DriverManager.getConnection(servers.postgres().jdbcUrl(), PostgresServer.USER, PostgresServer.PASSWORD)) {
            fanOut(servers.kafka().bootstrapServers(), database, report);
        }
        streams(servers, catalog, report);
        return report;
    }

    // ---------------------------------------------------------------------------------------------
    // Fan-out

    private void fanOut(String bootstrapServers, Connection database, Report report) throws Exception {
        String artistId = ArtistId.of(ARTIST);
        try (Statement statement = database.createStatement()) {
            statement.executeUpdate("INSERT INTO catalog.subscription (user_id, kind, target, name, created_at)"
                    + " SELECT 'bench-listener-' || g, 'ARTIST', '" + artistId + "', NULL, now() FROM generate_series(1, " + SUBSCRIBERS + ") g"
                    + " ON CONFLICT DO NOTHING");
            // As autovacuum leaves a table that has settled: the fan-out's index-only scan of the followers
            // then reads no table page.
            statement.execute("VACUUM ANALYZE catalog.subscription");
        }
        System.out.printf(Locale.ROOT, "bench: %,d listeners follow %s%n", SUBSCRIBERS, ARTIST);
        List<Double> figures = new ArrayList<>();
        List<Double> ceilings = new ArrayList<>();
        List<Double> publishing = new ArrayList<>();
        try (KafkaProducer<String, TrackIngested> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new TrackIngestedSerializer());
             Statement statement = database.createStatement()) {
            statement.execute("CREATE SCHEMA IF NOT EXISTS bench_scratch");
            statement.execute("DROP TABLE IF EXISTS bench_scratch.notification");
            statement.execute("CREATE TABLE bench_scratch.notification (LIKE catalog.notification INCLUDING ALL)");
            // Each release in turn with its ceiling, each after the last one's events are all out: what a
            // release costs alone, and the ceiling under the same conditions.
            for (int release = 0; release <= RELEASES; release++) {
                double millis = release(producer, database, release);
                double published = awaitPublished(database);
                double bare = bareInsert(statement, artistId);
                System.out.printf(Locale.ROOT, "bench: release %d: %,d notifications committed %s after its event was sent, their events"
                                + " published %s later; bare insert of the rows %s%s%n", release, SUBSCRIBERS, Report.millis(millis),
                        Report.millis(published), Report.millis(bare), release == 0 ? " (warm-up, not counted)" : "");
                if (release > 0) {
                    figures.add(millis);
                    publishing.add(published);
                    ceilings.add(bare);
                }
            }
            statement.execute("DROP SCHEMA bench_scratch CASCADE");
        }
        report.delayAgainst("release to " + String.format(Locale.ROOT, "%,d", SUBSCRIBERS) + " notifications committed, median of "
                + RELEASES, median(figures), median(ceilings), FAN_OUT_TARGET_MS);
        report.info("  slowest of the " + RELEASES + " releases", Report.millis(figures.stream().mapToDouble(d -> d).max().orElseThrow()));
        report.info("  then their events numbered and in the outbox, all published", "within " + Report.millis(median(publishing))
                + " (median)");
    }

    /** Sends one release and waits for its notifications' commit: the track's release row commits with them, one key lookup away. */
    private double release(KafkaProducer<String, TrackIngested> producer, Connection database, int release) throws Exception {
        String trackId = UUID.randomUUID().toString();
        TrackIngested event = new TrackIngested(UUID.randomUUID(), Instant.now(), trackId, 1, TrackStatus.AVAILABLE,
                "Opus " + release, List.of(ARTIST), null, null, "classical", 2026, 1, 1, 240_000,
                new Media("media", "tracks/" + trackId + ".flac", "audio/flac", "flac", 900, 44_100, 27_000_000, "0".repeat(64)), List.of());
        long sent = System.nanoTime();
        producer.send(new ProducerRecord<>(Topics.TRACK_INGESTED, trackId, event)).get(30, TimeUnit.SECONDS);
        long deadline = sent + PATIENCE.toNanos();
        try (PreparedStatement released = database.prepareStatement("SELECT 1 FROM catalog.track_release WHERE track_id = ?::uuid")) {
            released.setString(1, trackId);
            while (true) {
                try (ResultSet rows = released.executeQuery()) {
                    if (rows.next()) {
                        break;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Release " + release + " was not committed within " + PATIENCE.toSeconds() + " s");
                }
                TimeUnit.MILLISECONDS.sleep(2);
            }
        }
        double millis = (System.nanoTime() - sent) / 1e6;
        long made = count(database, "SELECT count(*) FROM catalog.notification WHERE release_key = 'track:" + trackId + "'");
        if (made != SUBSCRIBERS) {
            throw new IllegalStateException("Release " + release + " made " + made + " notifications, not " + SUBSCRIBERS);
        }
        return millis;
    }

    /**
     * Waits until every notification is numbered and its event published by the relay; the time it took
     * from the release's commit. It polls what the publisher and the relay read (the pending statements,
     * the outbox's index of pending rows), not the notification table: a scan of it every few
     * milliseconds would slow down what is measured. Once both are empty, it checks that no
     * notification is left unpublished.
     */
    private static double awaitPublished(Connection database) throws Exception {
        long begin = System.nanoTime();
        long deadline = begin + Duration.ofMinutes(5).toNanos();
        while (count(database, "SELECT (EXISTS (SELECT 1 FROM catalog.notification_pending)"
                + " OR EXISTS (SELECT 1 FROM catalog.outbox WHERE published_at IS NULL))::int") > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Notifications or their events were still unpublished after 5 min");
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        double millis = (System.nanoTime() - begin) / 1e6;
        long unpublished = count(database, "SELECT count(*) FROM catalog.notification WHERE NOT published");
        if (unpublished > 0) {
            throw new IllegalStateException(unpublished + " notifications are unpublished with no statement pending");
        }
        return millis;
    }

    /** The same 100,000 rows written by PostgreSQL alone, into an emptied table of the same shape (indexes included), committed. */
    private static double bareInsert(Statement statement, String artistId) throws SQLException {
        statement.execute("TRUNCATE bench_scratch.notification");
        long begin = System.nanoTime();
        statement.executeUpdate("INSERT INTO bench_scratch.notification (user_id, kind, release_key, matched_kind, matched_id,"
                + " matched_name, track_ids, track_titles, created_at, updated_at, sequence, published)"
                + " SELECT user_id, 'new-release', 'track:bare', 'ARTIST', target, '" + ARTIST + "', ARRAY[gen_random_uuid()],"
                + " ARRAY['Opus'], now(), now(), 0, false FROM catalog.subscription WHERE kind = 'ARTIST' AND target = '" + artistId + "'");
        return (System.nanoTime() - begin) / 1e6;
    }

    // ---------------------------------------------------------------------------------------------
    // Streams

    private void streams(RealServers servers, ServiceProcess catalog, Report report) throws Exception {
        String token = PasswordGrant.accessToken(servers.keycloak(), "listener", "listener");
        String playlist = createPlaylist(catalog, token);
        long[] version = {1};
        Histogram figure = deliver("playlist change", catalog.baseUri(), API + "/me/stream?playlist=" + playlist, token, "playlist",
                data -> versionOf(data) - 1, n -> version[0] = rename(catalog, token, playlist, version[0], n));
        Histogram ceiling;
        try (BareSseEcho echo = new BareSseEcho()) {
            ceiling = deliver("bare SSE echo", echo.uri(), "/stream", null, "echo", Integer::parseInt, n -> echo(echo.uri(), n));
        }
        report.delayAgainst(String.format(Locale.ROOT, "playlist change to %,d streams, p99", STREAMS),
                figure.getValueAtPercentile(99) / 1e6, ceiling.getValueAtPercentile(99) / 1e6, STREAM_P99_TARGET_MS);
        report.info("  p50 / max (bare echo: p50 / max)", Report.millis(figure.getValueAtPercentile(50) / 1e6) + " / "
                + Report.millis(figure.getMaxValue() / 1e6) + " (" + Report.millis(ceiling.getValueAtPercentile(50) / 1e6) + " / "
                + Report.millis(ceiling.getMaxValue() / 1e6) + ")");
    }

    /** What each stream needs of an event's data: the number of the change it announces, from 1. */
    private interface ChangeNumber {
        int of(String data);
    }

    /**
     * Opens {@link #STREAMS} streams, makes {@link #CHANGES} changes at a steady pace ({@code change}
     * gets each one's number and makes it), and answers the delay of every change on every stream, from
     * just before the request that made it to the arrival of its event.
     */
    private Histogram deliver(String what, URI server, String path, String token, String type, ChangeNumber number,
                              LongConsumer change) throws Exception {
        AtomicLongArray arrived = new AtomicLongArray((CHANGES + 1) * STREAMS);
        java.util.concurrent.atomic.AtomicInteger received = new java.util.concurrent.atomic.AtomicInteger();
        long[] sentAt = new long[CHANGES + 1];
        try (SseClients clients = new SseClients(server, path, token, STREAMS, (stream, eventType, data, nanos) -> {
            if (eventType.equals(type)) {
                int n = number.of(data);
                if (n >= 1 && n <= CHANGES && arrived.compareAndSet(n * STREAMS + stream, 0, nanos)) {
                    received.incrementAndGet();
                }
            }
        })) {
            long begin = System.nanoTime();
            if (!clients.awaitOpen(PATIENCE)) {
                throw new IllegalStateException("Not every one of the " + STREAMS + " streams of " + what + " opened within "
                        + PATIENCE.toSeconds() + " s");
            }
            System.out.printf(Locale.ROOT, "bench: %s: %,d streams open in %.1f s; %d changes, one every %d ms%n", what, STREAMS,
                    (System.nanoTime() - begin) / 1e9, CHANGES, CHANGE_EVERY.toMillis());
            long next = System.nanoTime();
            for (int n = 1; n <= CHANGES; n++) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                sentAt[n] = System.nanoTime();
                change.accept(n);
                next += CHANGE_EVERY.toNanos();
            }
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (received.get() < CHANGES * STREAMS) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(what + ": " + received.get() + " of " + CHANGES * STREAMS + " deliveries arrived within "
                            + PATIENCE.toSeconds() + " s of the last change");
                }
                TimeUnit.MILLISECONDS.sleep(10);
            }
        }
        Histogram delays = new Histogram(TimeUnit.MINUTES.toNanos(1), 3);
        for (int n = 1; n <= CHANGES; n++) {
            for (int stream = 0; stream < STREAMS; stream++) {
                delays.recordValue(Math.min(Math.max(0, arrived.get(n * STREAMS + stream) - sentAt[n]), delays.getHighestTrackableValue()));
            }
        }
        System.out.printf(Locale.ROOT, "bench: %s: %,d deliveries, p50 %s, p99 %s, max %s%n", what, delays.getTotalCount(),
                Report.millis(delays.getValueAtPercentile(50) / 1e6), Report.millis(delays.getValueAtPercentile(99) / 1e6),
                Report.millis(delays.getMaxValue() / 1e6));
        return delays;
    }

    private static int versionOf(String data) {
        Matcher matcher = VERSION.matcher(data);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
    }

    private String createPlaylist(ServiceProcess catalog, String token) throws Exception {
        HttpResponse<String> created = send(HttpRequest.newBuilder(catalog.baseUri().resolve(API + "/playlists"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"Live 0\", \"visibility\": \"PUBLIC\"}")).build(), 201);
        Matcher id = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"").matcher(created.body());
        if (!id.find()) {
            throw new IllegalStateException("No playlist id in " + created.body());
        }
        return id.group(1);
    }

    /** Renames the playlist, change {@code n} making version {@code n + 1}; the version it made. */
    private long rename(ServiceProcess catalog, String token, String playlist, long version, long n) {
        try {
            send(HttpRequest.newBuilder(catalog.baseUri().resolve(API + "/playlists/" + playlist))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .header("If-Match", "\"" + version + "\"")
                    .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"name\": \"Live " + n + "\"}")).build(), 200);
            return version + 1;
        } catch (Exception e) {
            throw new IllegalStateException("Could not rename the playlist", e);
        }
    }

    private void echo(URI server, long n) {
        try {
            send(HttpRequest.newBuilder(server.resolve("/echo/" + n)).POST(HttpRequest.BodyPublishers.noBody()).build(), 204);
        } catch (Exception e) {
            throw new IllegalStateException("Could not send echo " + n, e);
        }
    }

    private HttpResponse<String> send(HttpRequest request, int expected) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " answered " + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    private static long count(Connection database, String sql) throws SQLException {
        try (Statement statement = database.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(d -> d).toArray();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
