package io.musicplatform.stats;

import io.musicplatform.events.EventCodec;
import io.musicplatform.events.TopicCreator;
import io.musicplatform.events.Topics;
import io.musicplatform.events.TrackPlayed;
import io.musicplatform.realservers.RealServers;
import io.musicplatform.realservers.ServerKind;
import io.musicplatform.realservers.SharedRealServers;
import io.musicplatform.servicetesting.LaunchedService;
import io.musicplatform.servicetesting.ServiceLauncher;
import io.musicplatform.simulator.PlayPublisher;
import io.musicplatform.simulator.SimulatedPlays;
import io.musicplatform.stats.service.PlayTotals;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A measurement, not part of {@code mvn verify} (its name does not end in IT): how many plays per
 * second the packaged stats-service counts exactly, draining a backlog of simulated plays on the real
 * Kafka and a durable PostgreSQL, what each record costs (decode, aggregate, write) and how much
 * room a million plays take. Run it alone:
 *
 * <pre>mvn -B -pl stats-service -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=StatsThroughputBench -Dbench.plays=1000000</pre>
 *
 * It prints its figures and writes them to {@code target/stats-throughput.txt}.
 */
class StatsThroughputBench {

    private static final Set<ServerKind> STORES = Set.of(ServerKind.KAFKA, ServerKind.POSTGRES);
    private static final String SCHEMA = "stats_bench";

    @Test
    void drainsABacklogOfSimulatedPlays() throws Exception {
        int plays = Integer.getInteger("bench.plays", 1_000_000);
        List<String> report = new ArrayList<>();
        RealServers servers = SharedRealServers.start(STORES);
        String bootstrap = servers.kafka().bootstrapServers();
        TopicCreator.ensure(bootstrap, List.of(Topics.spec(Topics.TRACK_PLAYED)), Duration.ofSeconds(30));

        SimulatedPlays.Settings settings = new SimulatedPlays.Settings(50_000, 5_000, 1_000_000, 1.0, 99, LocalDate.parse("2043-01-01"), 30);
        long started = System.nanoTime();
        try (PlayPublisher publisher = new PlayPublisher(bootstrap)) {
            publisher.publish(new SimulatedPlays(settings), plays, 0, 0, play -> { });
        }
        double publishSeconds = (System.nanoTime() - started) / 1e9;
        report.add(String.format(Locale.ROOT, "published %,d plays in %.1f s: %,.0f plays/s (simulator, acks=all, 6 partitions)",
                plays, publishSeconds, plays / publishSeconds));

        report.addAll(inProcessCosts(settings));

        StatsStore store = new StatsStore(servers, SCHEMA);
        ServiceLauncher launcher = ServiceLauncher.of(Path.of("")).withName("stats-service-bench").withServers(servers, STORES)
                .withProperty("music.schema", SCHEMA).withJvmOption("-Xmx1g");
        // -Dbench.concurrency=2: two consumers (and transactions) in the one instance, each with its own partitions.
        String concurrency = System.getProperty("bench.concurrency");
        if (concurrency != null) {
            launcher.withProperty("mp.messaging.incoming.track-played.concurrency", concurrency);
            report.add("consumers per instance: " + concurrency);
        }
        try (LaunchedService stats = launcher.start()) {
            stats.awaitReady(Duration.ofSeconds(180));
            await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(200)).until(() -> store.committed() > 0);
            long first = System.nanoTime();
            long firstCommitted = store.committed();
            await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(500)).until(store::caughtUp);
            double seconds = (System.nanoTime() - first) / 1e9;
            long records = store.committed() - firstCommitted;
            report.add(String.format(Locale.ROOT, "counted %,d records (plays of every test on the topic) in %.1f s: %,.0f plays/s sustained, exactly once, durable commits",
                    records, seconds, records / seconds));
            String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(stats.managementUri() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            double counted = metric(metrics, "music_plays_counted_total");
            for (String stage : List.of("decode", "aggregate", "write")) {
                double sum = metric(metrics, "music_stats_batch_stage_seconds_sum\\{[^}]*stage=\"" + stage + "\"[^}]*}");
                double batches = metric(metrics, "music_stats_batch_stage_seconds_count\\{[^}]*stage=\"" + stage + "\"[^}]*}");
                report.add(String.format(Locale.ROOT, "stage %-9s %7.2f µs per play (%,.0f batches, %.0f plays per batch)",
                        stage, sum * 1e6 / counted, batches, counted / batches));
            }
        }
        long history = store.number("SELECT count(*) FROM " + SCHEMA + ".listening_history");
        for (String table : StatsRebuildIT.TABLES) {
            long bytes = store.number("SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                    + "WHERE n.nspname = '" + SCHEMA + "' AND c.relkind = 'r' AND (c.relname = '" + table + "' OR c.relname LIKE '" + table + "\\_y%')");
            report.add(String.format(Locale.ROOT, "%-20s %,8.1f MB per million plays", table, bytes / 1e6 / (history / 1e6)));
        }
        report.forEach(line -> System.out.println("StatsThroughputBench: " + line));
        Files.write(Path.of("target/stats-throughput.txt"), report);
        assertThat(history).isGreaterThanOrEqualTo(plays);
    }

    /** What decoding and summing cost on one core of this JVM, without the database. */
    private static List<String> inProcessCosts(SimulatedPlays.Settings settings) {
        SimulatedPlays plays = new SimulatedPlays(settings);
        int n = 200_000;
        List<byte[]> encoded = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            encoded.add(EventCodec.TRACK_PLAYED.encode(plays.next()));
        }
        List<TrackPlayed> decoded = new ArrayList<>(n);
        for (int round = 0; round < 2; round++) { // the first round warms the JIT up
            decoded.clear();
            long started = System.nanoTime();
            for (byte[] value : encoded) {
                decoded.add(EventCodec.TRACK_PLAYED.decode(value));
            }
            if (round == 1) {
                double perPlay = (System.nanoTime() - started) / 1e3 / n;
                long aggregateStarted = System.nanoTime();
                for (int batch = 0; batch < n; batch += 2000) {
                    PlayTotals.of(decoded.subList(batch, Math.min(n, batch + 2000)), play -> true);
                }
                double aggregate = (System.nanoTime() - aggregateStarted) / 1e3 / n;
                return List.of(String.format(Locale.ROOT, "in process, one core: decode with schema validation %.2f µs per play, aggregate %.2f µs per play (batches of 2000)",
                        perPlay, aggregate));
            }
        }
        throw new IllegalStateException("unreachable");
    }

    private static double metric(String metrics, String name) {
        Matcher matcher = Pattern.compile("^" + name + "\\s+([0-9.eE+-]+)$", Pattern.MULTILINE).matcher(metrics);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : Double.NaN;
    }
}
