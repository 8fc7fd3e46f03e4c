package io.musicplatform.benchmarks.stats;

import io.musicplatform.benchmarks.Benchmark;
import io.musicplatform.benchmarks.PasswordGrant;
import io.musicplatform.benchmarks.ProcessCpu;
import io.musicplatform.benchmarks.Report;
import io.musicplatform.events.TopicCreator;
import io.musicplatform.events.TopicSpec;
import io.musicplatform.events.Topics;
import io.musicplatform.events.TrackPlayed;
import io.musicplatform.events.TrackPlayedSerializer;
import io.musicplatform.realservers.RealServers;
import io.musicplatform.realservers.ServerKind;
import io.musicplatform.realservers.ServiceProcess;
import io.musicplatform.simulator.PlayPublisher;
import io.musicplatform.simulator.SimulatedPlays;
import org.HdrHistogram.Histogram;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bin/bench stats}: stats-service counting plays exactly, on the real Kafka, PostgreSQL (durable
 * commits) and Keycloak. Measured in one run:
 * <ol>
 *   <li>the ceiling: Kafka's own {@code ProducerPerformance} on a topic laid out like track-played
 *       (same partitions and replication), records of the plays' size, with the simulator's producer
 *       settings ({@code acks=all}, idempotent);</li>
 *   <li>after a warm-up of {@link #WARM_UP_PLAYS} plays, counted, {@link #PLAYS} simulated plays published as fast as the simulator can while the service counts
 *       them: plays per second from the first publication to the commit of the last counter (targets:
 *       at least 50,000/s and 40% of the ceiling), with the service's per-play cost of each stage;</li>
 *   <li>the history's own write rate: the service's history statement alone, on the same plays, in
 *       batches of the size the service committed (is it what bounds the whole?);</li>
 *   <li>freshness: plays offered at 5,000/s in an open loop, and the time from a probe play's
 *       publication to its track's counter showing it through the API (target: p99 under 2 s);</li>
 *   <li>exactness: every track's, listener's and day's counter, the total, the history and the
 *       counted eventIds equal what was published, each play once.</li>
 * </ol>
 */
public final class StatsBenchmark implements Benchmark {

    private static final String SERVICE = "stats-service";
    private static final String SCHEMA = "stats";
    private static final String CEILING_TOPIC = "track-played-ceiling";
    /** Plays of the throughput phase: long enough for a sustained rate, a minute or two here. */
    private static final int PLAYS = 1_000_000;
    private static final int CEILING_RECORDS = 1_000_000;
    /** Plays kept to measure the history's own write rate on. */
    private static final int HISTORY_SAMPLE = 300_000;
    private static final double FRESHNESS_RATE = 5_000;
    private static final Duration FRESHNESS_RUN = Duration.ofSeconds(30);
    /** Freshness probes: every play of this many most played tracks (about a quarter of the plays), each track read 10 times a second. */
    private static final int PROBE_TRACKS = 12;
    private static final Duration COUNTED_WITHIN = Duration.ofMinutes(20);
    private static final double MINIMUM_RATE = 50_000;
    private static final double MINIMUM_RATIO = 0.4;
    private static final double FRESHNESS_P99_MS = 2_000;
    /** A platform's catalog and audience; plays are stamped with the time they are published. */
    private static final SimulatedPlays.Settings THROUGHPUT = new SimulatedPlays.Settings(50_000, 5_000, 200_000, 1.0, 20261128L,
            LocalDate.now(ZoneOffset.UTC), 0);
    /** Plays of the warm-up, a seed of their own. */
    private static final SimulatedPlays.Settings WARM_UP = new SimulatedPlays.Settings(50_000, 5_000, 200_000, 1.0, 20261127L,
            LocalDate.now(ZoneOffset.UTC), 0);
    private static final int WARM_UP_PLAYS = 100_000;
    /** Another seed, so the second phase's eventIds are new (a repeated eventId would rightly count nothing). */
    private static final SimulatedPlays.Settings FRESHNESS = new SimulatedPlays.Settings(50_000, 5_000, 200_000, 1.0, 20261129L,
            LocalDate.now(ZoneOffset.UTC), 0);

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
        ServiceProcess stats = launched.get(SERVICE);
        String bootstrap = servers.kafka().bootstrapServers();
        Report report = new Report();
        ProducedPlays produced = new ProducedPlays(HISTORY_SAMPLE);
        try (StatsDatabase database = new StatsDatabase(servers.postgres(), SCHEMA)) {
            double ceiling = ceiling(servers, recordSize(new SimulatedPlays(THROUGHPUT)));

            warmUp(bootstrap, database, produced);
            // Freshness first, at a steady 5,000 plays/s: right after the flat-out phase and the history's
            // own 300,000 rows, PostgreSQL spends the next half minute in back-to-back checkpoints, and the
            // figure measured that recovery rather than a service at that rate.
            Freshness freshness = freshness(servers, stats, bootstrap, database, produced);

            String runFolder = servers.directory().toString();
            ProcessCpu cpu = ProcessCpu.of(runFolder);
            Map<String, Duration> cpuBefore = cpu.now();
            double rate = countFlatOut(bootstrap, database, produced);
            System.out.println("bench: CPU time per play counted: " + ProcessCpu.perOperation(cpuBefore, cpu.now(), PLAYS, false));
            Map<String, Double> stages = stageCosts(stats);
            int batch = (int) Math.max(100, Math.min(5_000, Math.round(stages.getOrDefault("plays per batch", 5_000.0))));
            double history = database.historyWriteRate(produced.sample(), batch);
            System.out.printf(Locale.ROOT, "bench: the history alone takes %s (%,d rows in committed batches of %,d, nothing else writing)%n",
                    Report.perSecond(history), produced.sample().size(), batch);

            report.atLeast("plays counted exactly, publication to commit", rate, MINIMUM_RATE);
            report.throughput("the same, against ProducerPerformance", rate, 0, ceiling, MINIMUM_RATIO);
            report.throughput("the history's own write rate", history, 0, ceiling, 0);
            String atRate = "freshness at " + Report.perSecond(FRESHNESS_RATE) + " (open loop)";
            report.info(atRate + ", p50", Report.millis(freshness.millis(50)));
            report.info(atRate + ", p90", Report.millis(freshness.millis(90)));
            report.latency(atRate + ", p99", freshness.millis(99), freshness.unseen() + freshness.errors(), FRESHNESS_P99_MS);
            report.info(atRate + ", max", Report.millis(freshness.latencies().getMaxValue() / 1e6));
            exactness(database, produced, report);
            sizes(database, produced.total());
        }
        return report;
    }

    /**
     * Kafka's ceiling on this machine, now: ProducerPerformance with the simulator's producer settings
     * on a topic of track-played's partitions (replication 1: the kit's one broker, as track-played).
     */
    private static double ceiling(RealServers servers, int recordSize) {
        TopicSpec played = Topics.spec(Topics.TRACK_PLAYED);
        TopicCreator.ensure(servers.kafka().bootstrapServers(),
                List.of(new TopicSpec(CEILING_TOPIC, played.partitions(), played.cleanupPolicy(), played.retention())), Duration.ofSeconds(60));
        System.out.printf(Locale.ROOT, "bench: ceiling: ProducerPerformance, %,d records of %d bytes on %d partitions, acks=all, idempotent%n",
                CEILING_RECORDS, recordSize, played.partitions());
        String output = servers.kafka().runTool("producer-performance", "org.apache.kafka.tools.ProducerPerformance", List.of(
                "--topic", CEILING_TOPIC, "--num-records", Integer.toString(CEILING_RECORDS), "--record-size", Integer.toString(recordSize),
                "--throughput", "-1", "--bootstrap-server", servers.kafka().bootstrapServers(),
                "--command-property", "acks=all", "enable.idempotence=true", "linger.ms=5", "batch.size=" + (128 * 1024)), Duration.ofMinutes(10));
        Matcher summary = Pattern.compile("(\\d+) records sent, ([0-9.]+) records/sec \\(([0-9.]+) MB/sec\\)[^\\n]*").matcher(output);
        String last = null;
        double rate = 0;
        while (summary.find()) {
            last = summary.group();
            rate = Double.parseDouble(summary.group(2));
        }
        if (last == null) {
            throw new IllegalStateException("ProducerPerformance printed no summary:\n" + output);
        }
        System.out.println("bench: ProducerPerformance: " + last);
        return rate;
    }

    /** A published play's bytes on the wire, on average: key, JSON value and CloudEvents headers. */
    private static int recordSize(SimulatedPlays plays) {
        long bytes = 0;
        int n = 1_000;
        try (TrackPlayedSerializer serializer = new TrackPlayedSerializer()) {
            for (int i = 0; i < n; i++) {
                TrackPlayed play = plays.next();
                RecordHeaders headers = new RecordHeaders();
                bytes += serializer.serialize(Topics.TRACK_PLAYED, headers, play).length + play.trackId().getBytes(StandardCharsets.UTF_8).length;
                for (Header header : headers) {
                    bytes += header.key().length() + header.value().length;
                }
            }
        }
        return (int) Math.round((double) bytes / n);
    }

    /**
     * {@link #WARM_UP_PLAYS} plays published and counted before anything is measured: the service's
     * first batches run in a JVM that has not compiled its code yet (in the first runs, ten seconds with
     * almost nothing committed), which is not what a sustained rate is about. They count in the final
     * check like every other play.
     */
    private static void warmUp(String bootstrap, StatsDatabase database, ProducedPlays produced) throws Exception {
        long begin = System.nanoTime();
        try (PlayPublisher publisher = new PlayPublisher(bootstrap)) {
            publisher.publish(new SimulatedPlays(WARM_UP), WARM_UP_PLAYS, 0, 0, produced::add);
        }
        awaitCommitted(database, produced.total(), begin);
        System.out.printf(Locale.ROOT, "bench: warm-up: %,d plays published and counted in %.1f s%n", WARM_UP_PLAYS, (System.nanoTime() - begin) / 1e9);
    }

    private static void awaitCommitted(StatsDatabase database, long records, long since) throws Exception {
        long deadline = since + COUNTED_WITHIN.toNanos();
        while (database.committed(Topics.TRACK_PLAYED) < records) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("stats-service committed " + database.committed(Topics.TRACK_PLAYED) + " of " + records
                        + " records in " + COUNTED_WITHIN.toMinutes() + " min");
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    /**
     * Publishes {@link #PLAYS} plays as fast as the simulator can while the service counts them, and
     * returns the plays per second from the first publication to the commit that stored the last
     * offset (polled every 100 ms).
     */
    private static double countFlatOut(String bootstrap, StatsDatabase database, ProducedPlays produced) throws Exception {
        System.out.printf(Locale.ROOT, "bench: publishing %,d plays as fast as the simulator can (%,d tracks, %,d listeners) while stats-service counts them%n",
                PLAYS, THROUGHPUT.tracks(), THROUGHPUT.users());
        long base = database.committed(Topics.TRACK_PLAYED);
        long begin = System.nanoTime();
        CompletableFuture<Long> published = CompletableFuture.supplyAsync(() -> {
            try (PlayPublisher publisher = new PlayPublisher(bootstrap)) {
                publisher.publish(new SimulatedPlays(THROUGHPUT), PLAYS, 0, 0, produced::add);
                return System.nanoTime();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
        long firstCommit = 0;
        long lastReport = begin;
        long deadline = begin + COUNTED_WITHIN.toNanos();
        long committed = 0;
        while (committed < PLAYS) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("stats-service committed " + committed + " of " + PLAYS + " plays in "
                        + COUNTED_WITHIN.toMinutes() + " min");
            }
            TimeUnit.MILLISECONDS.sleep(100);
            committed = database.committed(Topics.TRACK_PLAYED) - base;
            long now = System.nanoTime();
            if (firstCommit == 0 && committed > 0) {
                firstCommit = now;
            }
            if (now - lastReport > TimeUnit.SECONDS.toNanos(10)) {
                lastReport = now;
                System.out.printf(Locale.ROOT, "bench: %,d plays committed after %.0f s%n", committed, (now - begin) / 1e9);
            }
        }
        long end = System.nanoTime();
        long publishedAt = published.get(1, TimeUnit.MINUTES);
        double seconds = (end - begin) / 1e9;
        double rate = PLAYS / seconds;
        System.out.printf(Locale.ROOT, "bench: published %,d plays in %.1f s (%s, the simulator alone beside the counting)%n",
                PLAYS, (publishedAt - begin) / 1e9, Report.perSecond(PLAYS / ((publishedAt - begin) / 1e9)));
        System.out.printf(Locale.ROOT, "bench: counted and committed %,d plays in %.1f s from the first publication: %s (first commit after %.1f s)%n",
                PLAYS, seconds, Report.perSecond(rate), (firstCommit - begin) / 1e9);
        return rate;
    }

    /** The service's own per-play cost of each stage (music_stats_batch_stage_seconds), and its plays per batch. */
    private static Map<String, Double> stageCosts(ServiceProcess stats) throws Exception {
        String metrics;
        try (HttpClient http = HttpClient.newHttpClient()) {
            metrics = http.send(HttpRequest.newBuilder(URI.create(stats.managementUri() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        }
        double counted = metric(metrics, "music_plays_counted_total");
        Map<String, Double> costs = new java.util.LinkedHashMap<>();
        StringBuilder line = new StringBuilder("bench: stats-service per play counted:");
        for (String stage : List.of("decode", "aggregate", "write")) {
            double sum = metric(metrics, "music_stats_batch_stage_seconds_sum\\{[^}]*stage=\"" + stage + "\"[^}]*}");
            double batches = metric(metrics, "music_stats_batch_stage_seconds_count\\{[^}]*stage=\"" + stage + "\"[^}]*}");
            costs.put(stage, sum * 1e6 / counted);
            line.append(String.format(Locale.ROOT, " %s %.1f µs", stage, sum * 1e6 / counted));
            if (stage.equals("write")) {
                costs.put("plays per batch", counted / batches);
                line.append(String.format(Locale.ROOT, " (%,.0f batches, %,.0f plays per batch)", batches, counted / batches));
            }
        }
        System.out.println(line);
        return costs;
    }

    private static double metric(String metrics, String name) {
        Matcher matcher = Pattern.compile("^" + name + "\\s+([0-9.eE+-]+)$", Pattern.MULTILINE).matcher(metrics);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : Double.NaN;
    }

    /** What the freshness phase measured: probe latencies (ns), probes never seen, failed requests. */
    private record Freshness(Histogram latencies, long unseen, long errors) {
        double millis(double percentile) {
            return latencies.getTotalCount() == 0 ? Double.NaN : latencies.getValueAtPercentile(percentile) / 1e6;
        }
    }

    /**
     * Plays at {@link #FRESHNESS_RATE} for {@link #FRESHNESS_RUN}, paced against the clock whatever the
     * service does (open loop); every play of the {@link #PROBE_TRACKS} most popular tracks is a probe,
     * whose counter is watched through the API with a real listener token.
     */
    private static Freshness freshness(RealServers servers, ServiceProcess stats, String bootstrap, StatsDatabase database,
                                       ProducedPlays produced) throws Exception {
        String token = PasswordGrant.accessToken(servers.keycloak(), "listener", "listener");
        long plays = Math.round(FRESHNESS_RATE * FRESHNESS_RUN.toSeconds());
        SimulatedPlays simulated = new SimulatedPlays(FRESHNESS);
        List<String> probeTracks = simulated.catalog().stream().limit(PROBE_TRACKS).map(SimulatedPlays.Track::id).toList();
        System.out.printf(Locale.ROOT, "bench: freshness: %,d plays at %s for %d s, open loop; the plays of the %d most played tracks are probes, "
                        + "their counters read through GET /api/stats/tracks/{id} every %d ms%n",
                plays, Report.perSecond(FRESHNESS_RATE), FRESHNESS_RUN.toSeconds(), PROBE_TRACKS, FreshnessProbes.POLL.toMillis());
        try (FreshnessProbes probes = new FreshnessProbes(stats.baseUri(), token, probeTracks); PlayPublisher publisher = new PlayPublisher(bootstrap)) {
            // How far behind the counting is, every 5 s: a lag that grows is a service short of capacity,
            // a steady small one with slow probes is the API's side.
            java.util.concurrent.atomic.AtomicLong published = new java.util.concurrent.atomic.AtomicLong(produced.total());
            long base = database.committed(Topics.TRACK_PLAYED) - produced.total();
            long begin = System.nanoTime();
            var lag = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
            lag.scheduleAtFixedRate(() -> {
                try {
                    long behind = published.get() - (database.committed(Topics.TRACK_PLAYED) - base);
                    System.out.printf(Locale.ROOT, "bench: freshness after %.0f s: %,d plays published and not yet committed%n",
                            (System.nanoTime() - begin) / 1e9, behind);
                } catch (Exception e) {
                    System.out.println("bench: freshness: could not read the committed offsets: " + e);
                }
            }, 5, 5, TimeUnit.SECONDS);
            try {
                publisher.publish(simulated, plays, FRESHNESS_RATE, 0, play -> {
                    long expected = produced.add(play);
                    published.incrementAndGet();
                    if (probes.watches(play.trackId())) {
                        probes.published(play.trackId(), expected, System.nanoTime());
                    }
                });
            } finally {
                lag.shutdownNow();
                lag.awaitTermination(10, TimeUnit.SECONDS);
            }
            long unseen = probes.awaitAll(Duration.ofSeconds(60));
            Freshness freshness = new Freshness(probes.latencies(), unseen, probes.errors());
            System.out.printf(Locale.ROOT, "bench: freshness: %,d probe plays seen, %d never, %,d API requests, %d failed%n",
                    freshness.latencies().getTotalCount(), unseen, probes.requests(), probes.errors());
            awaitCommitted(database, produced.total(), System.nanoTime());
            return freshness;
        }
    }

    /** Every counter against what was published, each play once; prints and reports the outcome. */
    private static void exactness(StatsDatabase database, ProducedPlays produced, Report report) throws Exception {
        Map<String, Long> tracks = database.counts("SELECT track_id, plays FROM {schema}.track_plays", key -> key);
        Map<String, Long> users = database.counts("SELECT user_id, plays FROM {schema}.user_plays", key -> key);
        Map<LocalDate, Long> days = database.counts("SELECT day::text, plays FROM {schema}.daily_plays", LocalDate::parse);
        long total = database.number("SELECT coalesce(sum(plays), 0) FROM {schema}.track_plays");
        long history = database.number("SELECT count(*) FROM {schema}.listening_history");
        long historyPlays = database.number("SELECT count(DISTINCT event_id) FROM {schema}.listening_history");
        long counted = database.number("SELECT count(*) FROM {schema}.counted_play");
        long expected = produced.total();
        List<String> wrong = new java.util.ArrayList<>();
        if (!tracks.equals(produced.perTrack)) {
            wrong.add(differences("tracks", produced.perTrack, tracks));
        }
        if (!users.equals(produced.perUser)) {
            wrong.add(differences("listeners", produced.perUser, users));
        }
        if (!days.equals(produced.perDay)) {
            wrong.add(differences("days", produced.perDay, days));
        }
        for (var figure : List.of(Map.entry("total", total), Map.entry("history rows", history),
                Map.entry("history eventIds", historyPlays), Map.entry("counted eventIds", counted))) {
            if (figure.getValue() != expected) {
                wrong.add(String.format(Locale.ROOT, "%s %,d", figure.getKey(), figure.getValue()));
            }
        }
        String found = String.format(Locale.ROOT, "%,d plays: %,d tracks, %,d listeners, %,d days, total, history, eventIds",
                expected, produced.perTrack.size(), produced.perUser.size(), produced.perDay.size());
        System.out.println("bench: exact counts: " + found + (wrong.isEmpty() ? ", all equal" : "; DIFFERENT: " + String.join("; ", wrong)));
        report.check("final counts equal what was published", wrong.isEmpty() ? String.format(Locale.ROOT, "%,d plays, all equal", expected)
                : String.format(Locale.ROOT, "%d differ", wrong.size()), "exact", wrong.isEmpty());
    }

    /** The store's size per million plays, table by table: what a year of history costs in PostgreSQL. */
    private static void sizes(StatsDatabase database, long plays) throws Exception {
        StringBuilder line = new StringBuilder("bench: MB per million plays:");
        double total = 0;
        for (String table : List.of("listening_history", "counted_play", "user_plays", "track_period_plays", "artist_period_plays",
                "track_plays", "genre_hour_plays", "context_daily_plays", "daily_plays", "consumer_offset")) {
            double mb = database.size(table) / 1e6 / (plays / 1e6);
            total += mb;
            line.append(String.format(Locale.ROOT, " %s %.1f,", table, mb));
        }
        System.out.println(line.append(String.format(Locale.ROOT, " total %.0f", total)));
    }

    private static <K> String differences(String what, Map<K, Long> expected, Map<K, Long> found) {
        long differ = expected.entrySet().stream().filter(e -> !e.getValue().equals(found.get(e.getKey()))).count()
                + found.keySet().stream().filter(k -> !expected.containsKey(k)).count();
        return String.format(Locale.ROOT, "%s: %,d of %,d differ", what, differ, expected.size());
    }
}
