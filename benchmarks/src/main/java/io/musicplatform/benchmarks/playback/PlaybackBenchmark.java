package io.musicplatform.benchmarks.playback;

import io.musicplatform.benchmarks.AgainstCeiling;
import io.musicplatform.benchmarks.AgainstCeiling.Measured;
import io.musicplatform.benchmarks.Benchmark;
import io.musicplatform.benchmarks.PasswordGrant;
import io.musicplatform.benchmarks.Report;
import io.musicplatform.benchmarks.ServiceMetrics;
import io.musicplatform.benchmarks.catalog.CatalogDataset;
import io.musicplatform.benchmarks.load.FixedRate;
import io.musicplatform.benchmarks.load.LoadGenerator;
import io.musicplatform.benchmarks.load.LoadResult;
import io.musicplatform.benchmarks.load.Request;
import io.musicplatform.events.CloudEventHeaders;
import io.musicplatform.events.Topics;
import io.musicplatform.events.TrackIngested;
import io.musicplatform.realservers.RealServers;
import io.musicplatform.realservers.ServerKind;
import io.musicplatform.realservers.ServiceProcess;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@code bin/bench playback}: pressing play on playback-service, on the real Kafka, PostgreSQL, S3
 * and Keycloak, over a projection of 10,000 tracks from track-ingested. Measured in one run, after
 * a warm-up, with the real token of {@code listener} (country FR, where every track of the catalog
 * plays):
 * <ol>
 *   <li>{@code POST /api/playback/tracks/{id}/play} of random tracks at its maximum, against the
 *       ceiling {@code GET /api/playback/me} (token checked, JSON written, no store), in alternating
 *       windows (target: at least 40% of it). Each side's maximum is taken at the number of requests
 *       in flight that saturates it: a play waits for a durable commit and needs more requests in
 *       flight to keep the service busy than the ceiling does. A short sweep of {@link #IN_FLIGHT}
 *       (both sides in turn, the same levels, printed) picks each side's best, and the alternating
 *       windows measure each at its own;</li>
 *   <li>the play offered at half that maximum in an open loop: its p99 must stay under 25 ms;</li>
 *   <li>once the outbox has drained, the TrackPlayed records on track-played, read back: exactly one
 *       for each play answered 200 over the whole run, warm-ups included.</li>
 * </ol>
 * The service's per-listener limit of plays is raised for the run (one listener makes every play):
 * the benchmark measures the play path, not the limiter's 429.
 */
public final class PlaybackBenchmark implements Benchmark {

    private static final String SERVICE = "playback-service";
    private static final String API = "/api/playback";
    private static final int TRACKS = 10_000;
    private static final long SEED = 20261128L;
    private static final String BODY = "{\"platform\":\"web\",\"device\":\"desktop\"}";
    private static final int CONNECTIONS = 32;
    /** The numbers of requests in flight (connections, each with one request at a time) tried for each side. */
    private static final List<Integer> IN_FLIGHT = List.of(16, 32, 64, 128, 256);
    private static final Duration SWEEP_SETTLE = Duration.ofSeconds(1);
    private static final Duration SWEEP_WINDOW = Duration.ofSeconds(3);
    private static final Duration FIRST_WARM_UP = Duration.ofSeconds(30);
    private static final Duration OPEN_LOOP = Duration.ofSeconds(30);
    private static final Duration PROJECTION_WITHIN = Duration.ofMinutes(10);
    private static final Duration DRAIN_WITHIN = Duration.ofMinutes(5);
    private static final double PLAY_RATIO_TARGET = 0.4;
    private static final double PLAY_P99_TARGET_MS = 25;
    private static final String CEILING = "GET /me (its ceiling)";

    @Override
    public List<String> services() {
        return List.of(SERVICE);
    }

    @Override
    public EnumSet<ServerKind> servers() {
        return EnumSet.of(ServerKind.KAFKA, ServerKind.POSTGRES, ServerKind.S3, ServerKind.KEYCLOAK);
    }

    /** One listener presses play for the whole run: far more than a person could, so its limit goes out of the way. */
    @Override
    public Map<String, String> properties(String service) {
        return Map.of("music.playback.plays-per-minute", String.valueOf(Integer.MAX_VALUE));
    }

    @Override
    public Report run(RealServers servers, Map<String, ServiceProcess> launched) throws Exception {
        ServiceProcess playback = launched.get(SERVICE);
        ServiceMetrics metrics = new ServiceMetrics(playback);
        List<TrackIngested> tracks = CatalogDataset.tracks(TRACKS, SEED);
        List<String> playPaths = tracks.stream()
                .filter(track -> track.territories().isEmpty() || track.territories().contains("FR"))
                .map(track -> API + "/tracks/" + track.trackId() + "/play").toList();
        CatalogDataset.publish(servers.kafka().bootstrapServers(), tracks);
        awaitProjection(playback, metrics, TRACKS);
        String token = PasswordGrant.accessToken(servers.keycloak(), "listener", "listener");

        SplittableRandom random = new SplittableRandom(SEED);
        Supplier<Request> play = () -> Request.post(playPaths.get(random.nextInt(playPaths.size())), BODY);
        Supplier<Request> me = () -> Request.get(API + "/me");
        Report report = new Report();
        // Plays on generators of their own: their tally of 200s is the number of plays the topic must hold.
        Map<Integer, LoadGenerator> plays = new TreeMap<>();
        Map<Integer, LoadGenerator> ceilings = new TreeMap<>();
        try {
            for (int inFlight : IN_FLIGHT) {
                plays.put(inFlight, new LoadGenerator(playback.baseUri(), inFlight, token));
                ceilings.put(inFlight, new LoadGenerator(playback.baseUri(), inFlight, token));
            }
            System.out.printf(Locale.ROOT, "bench: warm-up, %d s of plays and GET /me in turn, %d connections%n",
                    FIRST_WARM_UP.toSeconds(), CONNECTIONS);
            for (int half = 0; half < 2; half++) {
                plays.get(CONNECTIONS).maxThroughput(play, FIRST_WARM_UP.dividedBy(4));
                ceilings.get(CONNECTIONS).maxThroughput(me, FIRST_WARM_UP.dividedBy(4));
            }
            Sweep sweep = sweep("POST /tracks/{id}/play", plays, play, CEILING, ceilings, me);
            LoadGenerator playLoad = plays.get(Sweep.best(sweep.figure()));
            LoadGenerator ceilingLoad = ceilings.get(Sweep.best(sweep.ceiling()));
            System.out.printf(Locale.ROOT, "bench: each at its best, in alternating windows: play with %d in flight, GET /me with %d%n",
                    playLoad.connections(), ceilingLoad.connections());
            Measured measured = AgainstCeiling.measure("POST /tracks/{id}/play", playLoad, play, CEILING, ceilingLoad, me);
            double halfRate = measured.figure().throughput() / 2;
            System.out.printf(Locale.ROOT, "bench: play offered at %s (half its maximum) for %d s, open loop%n",
                    Report.perSecond(halfRate), OPEN_LOOP.toSeconds());
            LoadResult steady = playLoad.fixedRate(play, new FixedRate(halfRate, OPEN_LOOP.toNanos()));
            // The ceiling at the same rate: how long the machine itself makes a trivial request of the
            // same service wait, the floor under the play's latency.
            System.out.printf(Locale.ROOT, "bench: GET /me offered at %s for %d s, open loop%n", Report.perSecond(halfRate),
                    OPEN_LOOP.toSeconds());
            LoadResult ceilingSteady = ceilingLoad.fixedRate(me, new FixedRate(halfRate, OPEN_LOOP.toNanos()));

            printWhereThePlaysWaited(metrics);

            long granted = plays.values().stream().mapToLong(load -> load.answered(200)).sum();
            long refused = plays.values().stream().mapToLong(load -> load.answered(429)).sum();
            Published published = awaitPublished(servers.kafka().bootstrapServers(), metrics, granted);

            report.throughput("POST /tracks/{id}/play, max", measured.figure().throughput(), measured.figure().errors(),
                    measured.ceiling().throughput(), PLAY_RATIO_TARGET);
            report.openLoop("play at " + Report.perSecond(halfRate) + " (open loop)", steady, PLAY_P99_TARGET_MS);
            String ceilingFigure = "GET /me at " + Report.perSecond(halfRate) + " (open loop)";
            report.info(ceilingFigure + ", p50", Report.millis(ceilingSteady.latencyMillis(50)));
            report.info(ceilingFigure + ", p99", Report.millis(ceilingSteady.latencyMillis(99)));
            report.add(new Report.Row("TrackPlayed on track-played", String.format(Locale.ROOT, "%,d (%,d distinct)",
                    published.records(), published.distinctIds()), "", "",
                    String.format(Locale.ROOT, "= %,d plays answered 200", granted),
                    published.records() == granted && published.distinctIds() == granted ? "PASS" : "FAIL"));
            if (refused > 0) {
                report.info("plays refused 429 (rate limit)", String.format(Locale.ROOT, "%,d", refused));
            }
        } finally {
            plays.values().forEach(LoadGenerator::close);
            ceilings.values().forEach(LoadGenerator::close);
        }
        return report;
    }

    /**
     * What a play waited for, over the whole run, from the service's own meters: Kafka's acknowledgement
     * or its group's commit to the outbox, and whether its track was in memory.
     */
    private static void printWhereThePlaysWaited(ServiceMetrics metrics) throws Exception {
        String direct = "music_outbox_direct_total";
        double acknowledged = metrics.sum(direct, "outcome=\"acknowledged\"");
        double timedOut = metrics.sum(direct, "outcome=\"timed-out\"");
        double failed = metrics.sum(direct, "outcome=\"failed\"");
        double outbox = metrics.sum(direct, "outcome=\"outbox\"");
        double groups = metrics.sum("music_playback_play_group_commit_seconds_count", "");
        double commitSeconds = metrics.sum("music_playback_play_group_commit_seconds_sum", "");
        double grouped = metrics.sum("music_playback_play_group_size_sum", "");
        double hits = metrics.sum("cache_gets_total", "result=\"hit\"");
        double misses = metrics.sum("cache_gets_total", "result=\"miss\"");
        System.out.printf(Locale.ROOT, "bench: the plays' events: %,.0f acknowledged by Kafka directly; %,.0f sent directly but not "
                        + "acknowledged in time and %,.0f refused (each then committed to the outbox, held), %,.0f to the outbox while "
                        + "the direct road was closed%n", acknowledged, timedOut, failed, outbox);
        System.out.printf(Locale.ROOT, "bench: the outbox took %,.0f of them in %,.0f group commits (%.1f plays, %.2f ms on average); "
                        + "the rights were checked from memory for %.1f%% of the plays%n",
                grouped, groups, groups == 0 ? 0 : grouped / groups, groups == 0 ? 0 : commitSeconds * 1e3 / groups,
                100 * hits / (hits + misses));
    }

    /** What each side reached in the sweep, by requests in flight. */
    private record Sweep(Map<Integer, Double> figure, Map<Integer, Double> ceiling) {

        /** The number of requests in flight at which {@code side} went fastest. */
        static int best(Map<Integer, Double> side) {
            return side.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        }
    }

    /**
     * Tries each number of requests in flight on both sides in turn (a settling second, then a short
     * window each) and prints what each reached.
     */
    private static Sweep sweep(String name, Map<Integer, LoadGenerator> figureLoads, Supplier<Request> figure,
                               String ceilingName, Map<Integer, LoadGenerator> ceilingLoads, Supplier<Request> ceiling) {
        Sweep sweep = new Sweep(new TreeMap<>(), new TreeMap<>());
        for (int inFlight : figureLoads.keySet()) {
            figureLoads.get(inFlight).maxThroughput(figure, SWEEP_SETTLE);
            sweep.figure().put(inFlight, figureLoads.get(inFlight).maxThroughput(figure, SWEEP_WINDOW).throughput());
            ceilingLoads.get(inFlight).maxThroughput(ceiling, SWEEP_SETTLE);
            sweep.ceiling().put(inFlight, ceilingLoads.get(inFlight).maxThroughput(ceiling, SWEEP_WINDOW).throughput());
            System.out.printf(Locale.ROOT, "bench: %3d in flight: %-24s %9s, %-22s %9s (%d s each)%n", inFlight, name,
                    Report.perSecond(sweep.figure().get(inFlight)), ceilingName, Report.perSecond(sweep.ceiling().get(inFlight)),
                    SWEEP_WINDOW.toSeconds());
        }
        return sweep;
    }

    /** Waits until the service has applied every revision (its own counter of applied revisions), printing progress. */
    private static void awaitProjection(ServiceProcess playback, ServiceMetrics metrics, int expected) throws Exception {
        long begin = System.nanoTime();
        long deadline = begin + PROJECTION_WITHIN.toNanos();
        long lastReport = begin;
        double applied = 0;
        while (applied < expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("playback-service applied " + (long) applied + " of " + expected + " revisions in "
                        + PROJECTION_WITHIN.toMinutes() + " min; see " + playback.logFile());
            }
            TimeUnit.MILLISECONDS.sleep(500);
            applied = metrics.sum("music_playback_revisions_total", "outcome=\"applied\"");
            if (System.nanoTime() - lastReport > TimeUnit.SECONDS.toNanos(10)) {
                lastReport = System.nanoTime();
                System.out.printf(Locale.ROOT, "bench: %,d of %,d tracks projected%n", (long) applied, expected);
            }
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        System.out.printf(Locale.ROOT, "bench: playback-service projected %,d tracks in %.1f s (%,.0f events/s)%n", expected, seconds,
                expected / seconds);
    }

    /** What track-played holds: its records and how many distinct event ids (play ids) they carry. */
    private record Published(long records, long distinctIds) {
    }

    /**
     * Waits until the outbox is empty and the topic holds the expected records (or stops growing
     * with the outbox empty, which is then a loss the table shows), then reads every record back.
     */
    private static Published awaitPublished(String bootstrapServers, ServiceMetrics metrics, long expected) throws Exception {
        long begin = System.nanoTime();
        long deadline = begin + DRAIN_WITHIN.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.TRACK_PLAYED).stream()
                    .map(PartitionInfo::partition).map(partition -> new TopicPartition(Topics.TRACK_PLAYED, partition)).toList();
            long records = -1;
            int stableReads = 0;
            while (true) {
                long now = records(consumer, partitions);
                boolean drained = metrics.sum("music_outbox_pending", "") == 0;
                stableReads = drained && now == records ? stableReads + 1 : 0;
                records = now;
                if (records == expected && drained || stableReads >= 5) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("track-played holds " + records + " records of " + expected + " plays after "
                            + DRAIN_WITHIN.toMinutes() + " min, and the outbox is " + (drained ? "empty" : "not empty"));
                }
                TimeUnit.SECONDS.sleep(1);
            }
            System.out.printf(Locale.ROOT, "bench: the outbox drained %.1f s after the last play; reading track-played back%n",
                    (System.nanoTime() - begin) / 1e9);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Set<String> ids = new HashSet<>();
            long read = 0;
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
                    read++;
                    Header id = record.headers().lastHeader(CloudEventHeaders.ID);
                    ids.add(id == null ? "" : new String(id.value(), StandardCharsets.UTF_8));
                }
            }
            return new Published(read, ids.size());
        }
    }

    /** Records on the partitions now: the end offsets less the first ones (the topic is not transactional). */
    private static long records(KafkaConsumer<?, ?> consumer, List<TopicPartition> partitions) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions);
        return partitions.stream().mapToLong(partition -> ends.get(partition) - starts.get(partition)).sum();
    }
}
