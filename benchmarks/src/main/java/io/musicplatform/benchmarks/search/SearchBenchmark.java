package io.musicplatform.benchmarks.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.musicplatform.benchmarks.AgainstCeiling;
import io.musicplatform.benchmarks.AgainstCeiling.Measured;
import io.musicplatform.benchmarks.Benchmark;
import io.musicplatform.benchmarks.PasswordGrant;
import io.musicplatform.benchmarks.Report;
import io.musicplatform.benchmarks.catalog.CatalogDataset;
import io.musicplatform.benchmarks.load.FixedRate;
import io.musicplatform.benchmarks.load.LoadGenerator;
import io.musicplatform.benchmarks.load.LoadResult;
import io.musicplatform.benchmarks.load.Request;
import io.musicplatform.benchmarks.search.QueryMix.Query;
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
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@code bin/bench search}: search-service over 100,000 tracks, on the real Kafka, OpenSearch and
 * Keycloak, each figure beside the same work sent straight to the index in the same run:
 * <ol>
 *   <li>first, the node indexes 20,000 documents into a scratch index, unmeasured, so that neither
 *       side below pays for the node's just-in-time compilation;</li>
 *   <li>indexing: 100,000 {@code TrackIngested} published to track-ingested, timed from the first
 *       send until the alias counts them all, against a raw {@code _bulk} of the very documents the
 *       service indexed (read back from its index) into a scratch index of the same settings and
 *       mappings, in requests of 1,000 one after the other, as the service's consumer sends its
 *       batches (target: at least 30% of the raw rate);</li>
 *   <li>searching: a fixed mix of 200 searches (typos, missing accents, prefixes, artist and title,
 *       a word within a genre) through {@code GET /api/search} with a real token, and the body the
 *       service sends for each ({@link SearchQueryBody}, checked hit for hit first) straight to
 *       {@code POST /tracks/_search}: the maximum of each in alternating windows, then both offered
 *       in an open loop at half the service's maximum, in four alternating windows of 15 s each (target: the service's
 *       p99 at most 1.5 times the index's).</li>
 * </ol>
 */
public final class SearchBenchmark implements Benchmark {

    private static final String SERVICE = "search-service";
    private static final String ALIAS = "tracks";
    private static final String SCRATCH = "bench-raw-bulk";
    private static final int TRACKS = 100_000;
    /** The catalog benchmark's seed: the same catalog. */
    private static final long SEED = 20261127L;
    private static final int QUERIES_PER_KIND = 40;
    /** Documents per raw bulk request: the service's batch (max.poll.records of track-ingested). */
    private static final int BULK_SIZE = 1_000;
    private static final int WARM_UP_DOCUMENTS = 20_000;
    private static final int RAW_PASSES = 2;
    private static final int CONNECTIONS = 32;
    private static final Duration FIRST_WARM_UP = Duration.ofSeconds(20);
    private static final int OPEN_LOOP_ROUNDS = 4;
    private static final Duration OPEN_LOOP_WINDOW = Duration.ofSeconds(15);
    private static final Duration INDEXING_WITHIN = Duration.ofMinutes(15);
    private static final double INDEXING_RATIO_TARGET = 0.3;
    private static final double P99_RATIO_TARGET = 1.5;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    @Override
    public List<String> services() {
        return List.of(SERVICE);
    }

    @Override
    public EnumSet<ServerKind> servers() {
        return EnumSet.of(ServerKind.KAFKA, ServerKind.OPENSEARCH, ServerKind.KEYCLOAK);
    }

    @Override
    public Report run(RealServers servers, Map<String, ServiceProcess> launched) throws Exception {
        ServiceProcess search = launched.get(SERVICE);
        URI index = URI.create(servers.openSearch().url());
        List<TrackIngested> tracks = CatalogDataset.tracks(TRACKS, SEED);

        warmUpIndexing(index, tracks);
        long begin = System.nanoTime();
        CatalogDataset.publish(servers.kafka().bootstrapServers(), tracks);
        awaitCount(index, begin, TRACKS, search);
        double fedSeconds = (System.nanoTime() - begin) / 1e9;
        double fedRate = TRACKS / fedSeconds;
        System.out.printf(Locale.ROOT, "bench: search-service indexed %,d tracks from track-ingested in %.1f s (%,.0f events/s)%n",
                TRACKS, fedSeconds, fedRate);
        double rawRate = rawBulkRate(index);

        String token = PasswordGrant.accessToken(servers.keycloak(), "listener", "listener");
        List<Query> mix = QueryMix.of(tracks, QUERIES_PER_KIND, SEED);
        SearchQueryBody bodies = new SearchQueryBody(json);
        List<Request> throughService = new ArrayList<>();
        List<Request> straight = new ArrayList<>();
        for (Query query : mix) {
            throughService.add(Request.get(servicePath(query)));
            straight.add(Request.post("/" + ALIAS + "/_search", bodies.of(query.q(), query.genre()).toString()));
        }
        requireSameAnswers(search, index, token, mix, throughService, straight);

        SplittableRandom random = new SplittableRandom(SEED);
        // Both ways draw uniformly from the same mix.
        Supplier<Request> service = () -> throughService.get(random.nextInt(mix.size()));
        Supplier<Request> raw = () -> straight.get(random.nextInt(mix.size()));
        Report report = new Report();
        try (LoadGenerator serviceLoad = new LoadGenerator(search.baseUri(), CONNECTIONS, token);
             LoadGenerator rawLoad = new LoadGenerator(index, CONNECTIONS, null)) {
            System.out.printf(Locale.ROOT, "bench: warm-up, %d s of the %d searches both ways in turn, %d connections%n",
                    FIRST_WARM_UP.toSeconds(), mix.size(), CONNECTIONS);
            for (int half = 0; half < 2; half++) {
                serviceLoad.maxThroughput(service, FIRST_WARM_UP.dividedBy(4));
                rawLoad.maxThroughput(raw, FIRST_WARM_UP.dividedBy(4));
            }
            Measured max = AgainstCeiling.measure("GET /api/search", serviceLoad, service, "POST /tracks/_search (raw)", rawLoad, raw);
            double rate = max.figure().throughput() / 2;
            System.out.printf(Locale.ROOT, "bench: both offered at %s (half the service's maximum), %d x %d s each in turn, open loop%n",
                    Report.perSecond(rate), OPEN_LOOP_ROUNDS, OPEN_LOOP_WINDOW.toSeconds());
            List<LoadResult> serviceRuns = new ArrayList<>();
            List<LoadResult> rawRuns = new ArrayList<>();
            for (int round = 0; round < OPEN_LOOP_ROUNDS; round++) {
                serviceRuns.add(serviceLoad.fixedRate(service, new FixedRate(rate, OPEN_LOOP_WINDOW.toNanos())));
                rawRuns.add(rawLoad.fixedRate(raw, new FixedRate(rate, OPEN_LOOP_WINDOW.toNanos())));
            }
            LoadResult serviceSteady = LoadResult.combined(serviceRuns);
            LoadResult rawSteady = LoadResult.combined(rawRuns);

            report.throughput("indexing from track-ingested", fedRate, 0, rawRate, INDEXING_RATIO_TARGET);
            report.throughput("search, max", max.figure().throughput(), max.figure().errors(), max.ceiling().throughput(), 0);
            String atRate = "search at " + Report.perSecond(rate) + " (open loop)";
            for (double percentile : List.of(50.0, 90.0)) {
                report.add(new Report.Row(atRate + ", p" + (int) percentile, Report.millis(serviceSteady.latencyMillis(percentile)),
                        Report.millis(rawSteady.latencyMillis(percentile)), "", "", ""));
            }
            report.latencyAgainst(atRate + ", p99", serviceSteady.latencyMillis(99), serviceSteady.errors(),
                    rawSteady.latencyMillis(99), rawSteady.errors(), P99_RATIO_TARGET);
            report.add(new Report.Row(atRate + ", max", Report.millis(serviceSteady.maxLatencyMillis()),
                    Report.millis(rawSteady.maxLatencyMillis()), "", "", ""));
        }
        return report;
    }

    private static String servicePath(Query query) {
        return "/api/search?q=" + encode(query.q()) + (query.genre() == null ? "" : "&genre=" + encode(query.genre()));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Waits until the alias counts {@code expected} documents (it counts what its last refresh made visible, at most 1 s old). */
    private void awaitCount(URI index, long begin, long expected, ServiceProcess search) throws Exception {
        long deadline = begin + INDEXING_WITHIN.toNanos();
        long lastReport = System.nanoTime();
        long count = 0;
        while (count < expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("search-service indexed " + count + " of " + expected + " tracks in "
                        + INDEXING_WITHIN.toMinutes() + " min; see " + search.logFile());
            }
            TimeUnit.MILLISECONDS.sleep(200);
            count = call(index, "GET", "/" + ALIAS + "/_count", null, null).path("count").asLong();
            if (System.nanoTime() - lastReport > TimeUnit.SECONDS.toNanos(10)) {
                lastReport = System.nanoTime();
                System.out.printf(Locale.ROOT, "bench: %,d of %,d tracks indexed%n", count, expected);
            }
        }
    }

    /**
     * The documents the service indexed, read back from its index, sent again with plain
     * {@code index} actions to a scratch index made from the live index's own settings and mappings,
     * in requests of {@value #BULK_SIZE} one after the other; documents per second until the last
     * answer (refreshed at the live index's interval, as the service's are). Twice, into a fresh
     * scratch index each time, deleted afterwards: the better pass is the ceiling, so that a moment
     * when the shared machine was busier does not lower it.
     */
    private double rawBulkRate(URI index) throws Exception {
        String live = createScratch(index);
        List<String> bulks = readBack(index, live);
        double best = 0;
        for (int pass = 1; pass <= RAW_PASSES; pass++) {
            if (pass > 1) {
                createScratch(index);
            }
            long begin = System.nanoTime();
            long sent = bulk(index, bulks);
            double seconds = (System.nanoTime() - begin) / 1e9;
            call(index, "POST", "/" + SCRATCH + "/_refresh", null, null);
            long count = call(index, "GET", "/" + SCRATCH + "/_count", null, null).path("count").asLong();
            call(index, "DELETE", "/" + SCRATCH, null, null);
            if (count != sent) {
                throw new IllegalStateException("The scratch index holds " + count + " of the " + sent + " documents sent");
            }
            System.out.printf(Locale.ROOT, "bench: raw _bulk of the same %,d documents to %s in %.1f s (%,.0f documents/s), pass %d of %d%n",
                    sent, SCRATCH, seconds, sent / seconds, pass, RAW_PASSES);
            best = Math.max(best, sent / seconds);
        }
        return best;
    }

    /**
     * Makes the node index for a while before anything is measured, so that neither side pays for
     * its just-in-time compilation: {@value #WARM_UP_DOCUMENTS} documents made from the first tracks
     * (the fields the service writes, in plain {@code index} actions) into the scratch index, which is
     * deleted afterwards. Needs the live index, which the service creates at start.
     */
    private void warmUpIndexing(URI index, List<TrackIngested> tracks) throws Exception {
        createScratch(index);
        List<String> bulks = new ArrayList<>();
        StringBuilder bulk = new StringBuilder();
        for (int i = 0; i < WARM_UP_DOCUMENTS; i++) {
            TrackIngested track = tracks.get(i);
            ObjectNode action = json.createObjectNode();
            action.putObject("index").put("_index", SCRATCH).put("_id", track.trackId());
            ObjectNode doc = json.createObjectNode().put("trackId", track.trackId()).put("revision", track.revision())
                    .put("status", track.status().name()).put("title", track.title()).put("album", track.album())
                    .put("genre", track.genre()).put("year", track.year()).put("durationMs", track.durationMs()).put("plays", 0);
            track.artists().forEach(doc.putArray("artists")::add);
            ObjectNode suggest = doc.putObject("suggest").put("weight", 1);
            suggest.putArray("input").add(track.title()).add(track.album());
            bulk.append(action).append('\n').append(doc).append('\n');
            if ((i + 1) % BULK_SIZE == 0) {
                bulks.add(bulk.toString());
                bulk.setLength(0);
            }
        }
        long begin = System.nanoTime();
        bulk(index, bulks);
        double seconds = (System.nanoTime() - begin) / 1e9;
        call(index, "DELETE", "/" + SCRATCH, null, null);
        System.out.printf(Locale.ROOT, "bench: index warmed up: %,d documents in %.1f s (%,.0f documents/s, not a figure)%n",
                WARM_UP_DOCUMENTS, seconds, WARM_UP_DOCUMENTS / seconds);
    }

    /** Creates the scratch index, empty, from the live index's settings and mappings; answers the live index's name. */
    private String createScratch(URI index) throws Exception {
        String live = call(index, "GET", "/_alias/" + ALIAS, null, null).fieldNames().next();
        JsonNode settings = call(index, "GET", "/" + live + "/_settings", null, null).path(live).path("settings").path("index");
        JsonNode mappings = call(index, "GET", "/" + live + "/_mapping", null, null).path(live).path("mappings");
        ObjectNode definition = json.createObjectNode();
        ObjectNode scratchSettings = definition.putObject("settings").putObject("index");
        for (String setting : List.of("number_of_shards", "number_of_replicas", "refresh_interval", "max_result_window", "analysis")) {
            if (settings.has(setting)) {
                scratchSettings.set(setting, settings.get(setting));
            }
        }
        definition.set("mappings", mappings);
        call(index, "DELETE", "/" + SCRATCH + "?ignore_unavailable=true", null, null);
        call(index, "PUT", "/" + SCRATCH, definition.toString(), "application/json");
        return live;
    }

    /** Sends the bulk bodies one after the other; the documents the index took. */
    private long bulk(URI index, List<String> bulks) throws Exception {
        long sent = 0;
        for (String bulk : bulks) {
            JsonNode answer = call(index, "POST", "/_bulk", bulk, "application/x-ndjson");
            if (answer.path("errors").asBoolean()) {
                throw new IllegalStateException("A raw bulk request was refused in part: " + answer.toString().substring(0, 500));
            }
            sent += answer.path("items").size();
        }
        return sent;
    }

    /** Every document of {@code live} as bulk bodies of {@value #BULK_SIZE} index actions for the scratch index. */
    private List<String> readBack(URI index, String live) throws Exception {
        List<String> bulks = new ArrayList<>();
        StringBuilder bulk = new StringBuilder();
        int inBulk = 0;
        JsonNode page = call(index, "POST", "/" + live + "/_search?scroll=1m",
                "{\"size\":5000,\"sort\":[\"_doc\"]}", "application/json");
        String scroll = page.path("_scroll_id").asText();
        while (page.path("hits").path("hits").size() > 0) {
            for (Iterator<JsonNode> hits = page.path("hits").path("hits").elements(); hits.hasNext(); ) {
                JsonNode hit = hits.next();
                ObjectNode action = json.createObjectNode();
                action.putObject("index").put("_index", SCRATCH).put("_id", hit.path("_id").asText());
                bulk.append(action).append('\n').append(hit.path("_source")).append('\n');
                if (++inBulk == BULK_SIZE) {
                    bulks.add(bulk.toString());
                    bulk.setLength(0);
                    inBulk = 0;
                }
            }
            page = call(index, "POST", "/_search/scroll", json.createObjectNode().put("scroll", "1m").put("scroll_id", scroll).toString(),
                    "application/json");
            scroll = page.path("_scroll_id").asText(scroll);
        }
        if (inBulk > 0) {
            bulks.add(bulk.toString());
        }
        call(index, "DELETE", "/_search/scroll", json.createObjectNode().put("scroll_id", scroll).toString(), "application/json");
        return bulks;
    }

    /**
     * Sends every search of the mix both ways once and requires the same answer: total, hits in the
     * same order with the same scores, the same genre facets. Proves that the raw side sends the
     * service's own query, not an easier one.
     */
    private void requireSameAnswers(ServiceProcess search, URI index, String token, List<Query> mix, List<Request> throughService,
                                    List<Request> straight) throws Exception {
        int withHits = 0;
        for (int i = 0; i < mix.size(); i++) {
            JsonNode viaService = call(search.baseUri(), "GET", throughService.get(i).path(), null, null, token);
            JsonNode raw = call(index, "POST", straight.get(i).path(), straight.get(i).jsonBody(), "application/json");
            List<String> serviceHits = new ArrayList<>();
            viaService.path("items").forEach(hit -> serviceHits.add(hit.path("trackId").asText() + "@" + score(hit.path("score"))));
            List<String> rawHits = new ArrayList<>();
            raw.path("hits").path("hits").forEach(hit -> rawHits.add(hit.path("_source").path("trackId").asText() + "@" + score(hit.path("_score"))));
            List<String> serviceFacets = new ArrayList<>();
            viaService.path("facets").path("genre").forEach(bucket -> serviceFacets.add(bucket.path("value").asText() + "=" + bucket.path("count").asLong()));
            List<String> rawFacets = new ArrayList<>();
            raw.path("aggregations").path("genres").path("buckets").forEach(bucket -> rawFacets.add(bucket.path("key").asText() + "=" + bucket.path("doc_count").asLong()));
            long serviceTotal = viaService.path("total").asLong();
            long rawTotal = raw.path("hits").path("total").path("value").asLong();
            if (serviceTotal != rawTotal || !serviceHits.equals(rawHits) || !serviceFacets.equals(rawFacets)) {
                throw new IllegalStateException("The raw query is not the service's: for " + mix.get(i) + " the service found " + serviceTotal
                        + " " + serviceHits + " " + serviceFacets + ", the index " + rawTotal + " " + rawHits + " " + rawFacets
                        + "; bring SearchQueryBody in line with search-service's SearchService.searchBody");
            }
            withHits += serviceHits.isEmpty() ? 0 : 1;
        }
        System.out.printf(Locale.ROOT, "bench: the %d searches answer the same through the service and straight from the index "
                + "(%d with hits): same totals, hits, scores and facets%n", mix.size(), withHits);
    }

    private static String score(JsonNode score) {
        return String.format(Locale.ROOT, "%.4f", score.asDouble());
    }

    private JsonNode call(URI server, String method, String path, String body, String contentType) throws IOException, InterruptedException {
        return call(server, method, path, body, contentType, null);
    }

    private JsonNode call(URI server, String method, String path, String body, String contentType, String token)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.resolve(path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + server.resolve(path) + " answered " + response.statusCode() + ": "
                    + response.body().substring(0, Math.min(500, response.body().length())));
        }
        return response.body().isEmpty() ? json.nullNode() : json.readTree(response.body());
    }
}
