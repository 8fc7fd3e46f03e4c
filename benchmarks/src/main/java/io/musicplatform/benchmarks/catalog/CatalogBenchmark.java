package io.musicplatform.benchmarks.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.musicplatform.benchmarks.AgainstCeiling;
import io.musicplatform.benchmarks.AgainstCeiling.Measured;
import io.musicplatform.benchmarks.Benchmark;
import io.musicplatform.benchmarks.PasswordGrant;
import io.musicplatform.benchmarks.Report;
import io.musicplatform.benchmarks.load.FixedRate;
import io.musicplatform.benchmarks.load.LoadGenerator;
import io.musicplatform.benchmarks.load.LoadResult;
import io.musicplatform.benchmarks.load.Request;
import io.musicplatform.events.TrackIngested;
import io.musicplatform.realservers.RealServers;
import io.musicplatform.realservers.ServerKind;
import io.musicplatform.realservers.ServiceProcess;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@code bin/bench catalog}: catalog-service reading a catalog of 100,000 tracks projected from
 * track-ingested, on the real Kafka, PostgreSQL and Keycloak. Measured in one run, after a warm-up:
 * <ol>
 *   <li>the ceiling: the most requests per second the service answers on its cheapest authenticated
 *       endpoint, {@code GET /api/catalog/me} (token checked, JSON written, no store), measured in
 *       windows that alternate with those of each figure below;</li>
 *   <li>{@code GET /api/catalog/tracks/{id}} of random tracks at its maximum, against the ceiling
 *       (target: at least half of it);</li>
 *   <li>a browse page, {@code GET /api/catalog/tracks?genre=&limit=50} (the first pages and pages after
 *       a cursor, by title) at its maximum, then offered at half that rate in an open loop: its p99
 *       latency must stay under 50 ms.</li>
 * </ol>
 */
public final class CatalogBenchmark implements Benchmark {

    private static final String SERVICE = "catalog-service";
    private static final String API = "/api/catalog";
    private static final int TRACKS = 100_000;
    private static final long SEED = 20261127L;
    /** Requests in flight in a closed loop: enough to keep two cores busy. */
    private static final int CONNECTIONS = 32;
    private static final Duration FIRST_WARM_UP = Duration.ofSeconds(30);
    private static final Duration OPEN_LOOP = Duration.ofSeconds(30);
    private static final Duration PROJECTION_WITHIN = Duration.ofMinutes(15);
    /** Pages per genre that the browse load visits: the first and those reached through cursors. */
    private static final int PAGES_PER_GENRE = 5;
    private static final double TRACK_RATIO_TARGET = 0.5;
    private static final double BROWSE_P99_TARGET_MS = 50;
    private static final String CEILING = "GET /me (its ceiling)";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    @Override
    public List<String> services() {
        return List.of(SERVICE);
    }

    @Override
    public EnumSet<ServerKind> servers() {
        return EnumSet.of(ServerKind.KAFKA, ServerKind.POSTGRES, ServerKind.KEYCLOAK);
    }

    @Override
    public Report run(RealServers servers, Map<String, ServiceProcess> launched) throws Exception {
        ServiceProcess catalog = launched.get(SERVICE);
        List<TrackIngested> tracks = CatalogDataset.tracks(TRACKS, SEED);
        CatalogDataset.publish(servers.kafka().bootstrapServers(), tracks);
        String token = PasswordGrant.accessToken(servers.keycloak(), "listener", "listener");
        awaitProjection(catalog, token, TRACKS);

        List<String> trackPaths = tracks.stream().map(track -> API + "/tracks/" + track.trackId()).toList();
        List<String> browsePaths = browsePaths(catalog, token);
        SplittableRandom random = new SplittableRandom(SEED);
        Supplier<Request> me = () -> Request.get(API + "/me");
        Supplier<Request> track = () -> Request.get(trackPaths.get(random.nextInt(trackPaths.size())));
        Supplier<Request> browse = () -> Request.get(browsePaths.get(random.nextInt(browsePaths.size())));

        Report report = new Report();
        try (LoadGenerator load = new LoadGenerator(catalog.baseUri(), CONNECTIONS, token)) {
            System.out.printf(Locale.ROOT, "bench: warm-up, %d s of the three requests in turn, %d connections%n",
                    FIRST_WARM_UP.toSeconds(), CONNECTIONS);
            List<Supplier<Request>> all = List.of(me, track, browse);
            int[] turn = {0};
            load.maxThroughput(() -> all.get(turn[0]++ % all.size()).get(), FIRST_WARM_UP);

            Measured byId = AgainstCeiling.measure(load, "GET /tracks/{id}", track, CEILING, me);
            Measured pages = AgainstCeiling.measure(load, "GET /tracks?genre=&limit=50", browse, CEILING, me);
            double halfRate = pages.figure().throughput() / 2;
            System.out.printf(Locale.ROOT, "bench: browse offered at %s (half its maximum) for %d s, open loop%n",
                    Report.perSecond(halfRate), OPEN_LOOP.toSeconds());
            LoadResult steady = load.fixedRate(browse, new FixedRate(halfRate, OPEN_LOOP.toNanos()));

            report.throughput("GET /tracks/{id}, max", byId.figure().throughput(), byId.figure().errors(),
                    byId.ceiling().throughput(), TRACK_RATIO_TARGET);
            report.throughput("GET /tracks?genre=&limit=50, max", pages.figure().throughput(), pages.figure().errors(),
                    pages.ceiling().throughput(), 0);
            report.openLoop("browse at " + Report.perSecond(halfRate) + " (open loop)", steady, BROWSE_P99_TARGET_MS);
        }
        return report;
    }

    /** Waits until the catalog lists every track (the genres' counts add up), printing progress. */
    private void awaitProjection(ServiceProcess catalog, String token, int expected) throws Exception {
        long begin = System.nanoTime();
        long deadline = begin + PROJECTION_WITHIN.toNanos();
        long lastReport = begin;
        long projected = 0;
        while (projected < expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("catalog-service projected " + projected + " of " + expected + " tracks in "
                        + PROJECTION_WITHIN.toMinutes() + " min; see " + catalog.logFile());
            }
            // Each count scans the tracks: once a second keeps it from slowing the projection it measures.
            TimeUnit.SECONDS.sleep(1);
            projected = 0;
            for (JsonNode genre : get(catalog, token, API + "/genres?limit=100").path("items")) {
                projected += genre.path("trackCount").asLong();
            }
            if (System.nanoTime() - lastReport > TimeUnit.SECONDS.toNanos(10)) {
                lastReport = System.nanoTime();
                System.out.printf(Locale.ROOT, "bench: %,d of %,d tracks projected%n", projected, expected);
            }
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        System.out.printf(Locale.ROOT, "bench: catalog-service projected %,d tracks in %.1f s (%,.0f events/s)%n", expected, seconds,
                expected / seconds);
    }

    /** For every genre, the first page and the next ones reached through nextCursor, by title. */
    private List<String> browsePaths(ServiceProcess catalog, String token) throws Exception {
        List<String> paths = new ArrayList<>();
        for (String genre : CatalogDataset.GENRES) {
            String first = API + "/tracks?genre=" + URLEncoder.encode(genre, StandardCharsets.UTF_8) + "&limit=50";
            String page = first;
            for (int i = 0; i < PAGES_PER_GENRE && page != null; i++) {
                paths.add(page);
                JsonNode next = get(catalog, token, page).path("nextCursor");
                page = next.isTextual() ? first + "&cursor=" + URLEncoder.encode(next.asText(), StandardCharsets.UTF_8) : null;
            }
        }
        return paths;
    }

    private JsonNode get(ServiceProcess service, String token, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(service.baseUri() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return json.readTree(response.body());
    }
}
