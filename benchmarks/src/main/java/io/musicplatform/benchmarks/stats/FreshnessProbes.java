package io.musicplatform.benchmarks.stats;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.HdrHistogram.Histogram;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How long a play takes from its publication to its counter being visible through the API. A few
 * probe tracks (popular ones, so that they are played many times a second) are watched: every
 * {@link #POLL} each asks {@code GET /api/stats/tracks/{id}} (one request in flight per track), and
 * every published play of a probe track waits, with the count its counter must reach (the track's
 * plays published so far, this one included), until an answer shows that count. A track's plays share
 * a partition, in order, so a counter that reaches the expected count includes the play.
 *
 * <p>The API load is fixed (tracks x 1 / {@link #POLL}), whatever the latency: watching each play with
 * requests of its own would, once the service lags, flood it with requests and measure the flood.
 * The latency runs until the answer arrives, so it holds the API's own time and up to one polling
 * interval: it can only overstate the freshness, never hide a stall.
 */
final class FreshnessProbes implements AutoCloseable {

    /** How often each probe track is asked: well under the 2 s target. */
    static final Duration POLL = Duration.ofMillis(100);
    private static final long HIGHEST = TimeUnit.MINUTES.toNanos(5);

    /** A published play of a probe track: the count that shows it, and when it was published. */
    private record Waiting(long expected, long publishedAt) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final URI api;
    private final String authorization;
    private final Map<String, Queue<Waiting>> waiting = new ConcurrentHashMap<>();
    private final Set<String> asking = ConcurrentHashMap.newKeySet();
    private final Histogram latencies = new Histogram(HIGHEST, 3);
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "freshness-probes"));

    FreshnessProbes(URI service, String token, Collection<String> probeTracks) {
        this.api = service.resolve("/api/stats/tracks/");
        this.authorization = "Bearer " + token;
        probeTracks.forEach(track -> waiting.put(track, new ConcurrentLinkedQueue<>()));
        poller.scheduleWithFixedDelay(this::askAll, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether plays of this track are probes. */
    boolean watches(String trackId) {
        return waiting.containsKey(trackId);
    }

    /** A play of probe track {@code trackId} just published: its counter must reach {@code expected}. */
    void published(String trackId, long expected, long publishedAtNanos) {
        waiting.get(trackId).add(new Waiting(expected, publishedAtNanos));
    }

    private void askAll() {
        waiting.forEach((track, plays) -> {
            if (plays.isEmpty() || !asking.add(track)) {
                return;
            }
            requests.incrementAndGet();
            HttpRequest request = HttpRequest.newBuilder(api.resolve(track)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", authorization).GET().build();
            http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
                long answered = System.nanoTime();
                try {
                    if (failure != null || response.statusCode() != 200) {
                        errors.incrementAndGet();
                        return;
                    }
                    long counted = json.readTree(response.body()).path("plays").asLong();
                    // The queue is in publication order, hence in expected order.
                    for (Waiting play = plays.peek(); play != null && play.expected() <= counted; play = plays.peek()) {
                        plays.poll();
                        synchronized (latencies) {
                            latencies.recordValue(Math.min(Math.max(answered - play.publishedAt(), 0), HIGHEST));
                        }
                    }
                } catch (Exception unreadable) {
                    errors.incrementAndGet();
                } finally {
                    asking.remove(track);
                }
            });
        });
    }

    /** Waits until every probe play has been seen, at most {@code patience}; returns how many never were. */
    long awaitAll(Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (unseen() > 0 && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(POLL.toMillis());
        }
        return unseen();
    }

    private long unseen() {
        return waiting.values().stream().mapToLong(Queue::size).sum();
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

    long requests() {
        return requests.get();
    }

    @Override
    public void close() {
        poller.shutdownNow();
        http.close();
    }
}
