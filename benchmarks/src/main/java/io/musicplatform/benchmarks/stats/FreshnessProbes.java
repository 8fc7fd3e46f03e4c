package io.musicplatform.benchmarks.stats;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.HdrHistogram.Histogram;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How long a play takes from its publication to its counter being visible through the API. Some
 * published plays are probes: the publishing thread hands over the track, the count its counter must
 * reach (the track's plays published so far, this one included) and the publication instant; every
 * {@link #POLL} the probes still waiting ask {@code GET /api/stats/tracks/{id}}, one request each at
 * a time, and a probe's latency is recorded when an answer shows the count reached. A track's plays
 * share a partition, in order, so a count that reaches the expected one includes the probe's play.
 *
 * <p>The latency runs until the answer arrives, so it holds the API's own time and up to one
 * polling interval: it can only overstate the freshness, never hide a stall.
 */
final class FreshnessProbes implements AutoCloseable {

    /** How often waiting probes ask again: well under the 2 s target, and a few hundred requests per second at most. */
    static final Duration POLL = Duration.ofMillis(50);
    private static final long HIGHEST = TimeUnit.MINUTES.toNanos(5);

    private record Probe(String trackId, long expected, long publishedAt) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final URI api;
    private final String authorization;
    private final Queue<Probe> waiting = new ConcurrentLinkedQueue<>();
    private final Histogram latencies = new Histogram(HIGHEST, 3);
    private final AtomicLong errors = new AtomicLong();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "freshness-probes"));
    /** Probes whose request is in flight: not asked again until it is answered. */
    private final Set<Probe> asking = ConcurrentHashMap.newKeySet();

    FreshnessProbes(URI service, String token) {
        this.api = service.resolve("/api/stats/tracks/");
        this.authorization = "Bearer " + token;
        poller.scheduleWithFixedDelay(this::askAll, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A play of {@code trackId} just published: its counter must reach {@code expected}. */
    void probe(String trackId, long expected, long publishedAtNanos) {
        waiting.add(new Probe(trackId, expected, publishedAtNanos));
    }

    private void askAll() {
        for (Probe probe : waiting) {
            if (!asking.add(probe)) {
                continue;
            }
            HttpRequest request = HttpRequest.newBuilder(api.resolve(probe.trackId())).timeout(Duration.ofSeconds(30))
                    .header("Authorization", authorization).GET().build();
            http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
                long answered = System.nanoTime();
                try {
                    if (failure != null || response.statusCode() != 200) {
                        errors.incrementAndGet();
                    } else if (json.readTree(response.body()).path("plays").asLong() >= probe.expected()) {
                        synchronized (latencies) {
                            latencies.recordValue(Math.min(answered - probe.publishedAt(), HIGHEST));
                        }
                        waiting.remove(probe);
                    }
                } catch (Exception unreadable) {
                    errors.incrementAndGet();
                } finally {
                    asking.remove(probe);
                }
            });
        }
    }

    /** Waits until every probe has been seen, at most {@code patience}; returns how many never were. */
    long awaitAll(Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!waiting.isEmpty() && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(POLL.toMillis());
        }
        return waiting.size();
    }

    /** The latencies recorded so far, in nanoseconds. */
    Histogram latencies() {
        synchronized (latencies) {
            return latencies.copy();
        }
    }

    long errors() {
        return errors.get();
    }

    @Override
    public void close() {
        poller.shutdownNow();
        http.close();
    }
}
