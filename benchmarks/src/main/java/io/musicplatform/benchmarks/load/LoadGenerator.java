package io.musicplatform.benchmarks.load;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.PoolOptions;
import org.HdrHistogram.Histogram;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Offers HTTP load to one server, on Vert.x's asynchronous client over a fixed pool of keep-alive
 * connections, every request ({@link Request}: a GET, or a POST of a JSON body) carrying the same
 * bearer token (or none). Two kinds of run:
 * <ul>
 *   <li>{@link #maxThroughput}: closed loop, each connection sends its next request as soon as the
 *       previous one is answered; the rate reached is the most the server sustains at that concurrency;</li>
 *   <li>{@link #fixedRate}: open loop, requests are sent at their {@link FixedRate} instants whether or
 *       not earlier ones were answered (they wait for a free connection if need be), and each latency
 *       is counted from its intended instant, so stalls are charged in full.</li>
 * </ul>
 * Everything runs on one event loop: the callbacks that count and record never race. Besides each
 * run's window, the generator tallies every answer it ever received by status ({@link #answered}),
 * those that came after a window closed included: what a write benchmark compares with what the
 * server did.
 */
public final class LoadGenerator implements AutoCloseable {

    /** Latencies above this are recorded as this; a benchmark that sees it has a bigger problem. */
    private static final long HIGHEST_LATENCY = TimeUnit.MINUTES.toNanos(1);
    /** How long the last answers of a run may take once it stops sending. */
    private static final Duration DRAIN = Duration.ofSeconds(60);

    private final Vertx vertx;
    private final HttpClient client;
    private final int connections;
    private final String authorization;
    private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();

    /** A generator whose requests carry {@code bearerToken}, or no Authorization header when it is null (a server without security, such as the index). */
    public LoadGenerator(URI server, int connections, String bearerToken) {
        this.connections = connections;
        this.authorization = bearerToken == null ? null : "Bearer " + bearerToken;
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1).setInternalBlockingPoolSize(1));
        this.client = vertx.createHttpClient(new HttpClientOptions()
                        .setDefaultHost(server.getHost()).setDefaultPort(server.getPort())
                        .setKeepAlive(true).setConnectTimeout(5_000),
                new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
    }

    /** Closed loop for {@code duration} with every connection busy; requests come from {@code requests}, asked on the event loop. */
    public LoadResult maxThroughput(Supplier<Request> requests, Duration duration) {
        CompletableFuture<LoadResult> result = new CompletableFuture<>();
        vertx.runOnContext(start -> new ClosedLoop(requests, duration.toNanos(), result).start());
        return await(result, duration);
    }

    /** Open loop at {@code rate.ratePerSecond()} for its duration; waits for the last answers. */
    public LoadResult fixedRate(Supplier<Request> requests, FixedRate rate) {
        CompletableFuture<LoadResult> result = new CompletableFuture<>();
        vertx.runOnContext(start -> new OpenLoop(requests, rate, result).start());
        return await(result, Duration.ofNanos(rate.durationNanos()));
    }

    public int connections() {
        return connections;
    }

    /** How many answers with {@code status} this generator has received since it was made, in a run's window or after it. */
    public long answered(int status) {
        LongAdder count = statuses.get(status);
        return count == null ? 0 : count.sum();
    }

    /** One request with the token; its status once the whole body is read. */
    private Future<Integer> exchange(Request request) {
        return client.request(request.method(), request.path()).compose(outgoing -> {
            if (authorization != null) {
                outgoing.putHeader(HttpHeaders.AUTHORIZATION, authorization);
            }
            Future<HttpClientResponse> sent;
            if (request.jsonBody() == null) {
                sent = outgoing.send();
            } else {
                outgoing.putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
                sent = outgoing.send(request.jsonBody());
            }
            return sent.compose(response -> response.body().map(body -> response.statusCode()));
        }).onSuccess(status -> statuses.computeIfAbsent(status, key -> new LongAdder()).increment());
    }

    /** What every run keeps: where its requests come from, what it counted, and where its result goes. */
    private abstract static class Run {
        final Supplier<Request> requests;
        final CompletableFuture<LoadResult> result;
        final Histogram latencies = new Histogram(HIGHEST_LATENCY, 3);
        long completed;
        long errors;

        Run(Supplier<Request> requests, CompletableFuture<LoadResult> result) {
            this.requests = requests;
            this.result = result;
        }

        void count(AsyncResult<Integer> answer, long latencyNanos) {
            completed++;
            errors += answer.succeeded() && answer.result() / 100 == 2 ? 0 : 1;
            latencies.recordValue(Math.min(Math.max(latencyNanos, 0), HIGHEST_LATENCY));
        }

        void finish(long windowNanos) {
            result.complete(new LoadResult(completed, errors, Duration.ofNanos(windowNanos), latencies));
        }
    }

    private final class ClosedLoop extends Run {
        private final long durationNanos;
        private long end;
        private int inFlight;

        ClosedLoop(Supplier<Request> requests, long durationNanos, CompletableFuture<LoadResult> result) {
            super(requests, result);
            this.durationNanos = durationNanos;
        }

        void start() {
            end = System.nanoTime() + durationNanos;
            for (int i = 0; i < connections; i++) {
                inFlight++;
                send();
            }
        }

        private void send() {
            long sent = System.nanoTime();
            exchange(requests.get()).onComplete(answer -> {
                long now = System.nanoTime();
                if (now <= end) {
                    count(answer, now - sent);
                }
                if (now < end) {
                    send();
                } else if (--inFlight == 0) {
                    finish(durationNanos);
                }
            });
        }
    }

    private final class OpenLoop extends Run {
        private final FixedRate rate;
        private long begin;
        private long timer;
        private long sent;

        OpenLoop(Supplier<Request> requests, FixedRate rate, CompletableFuture<LoadResult> result) {
            super(requests, result);
            this.rate = rate;
        }

        void start() {
            begin = System.nanoTime();
            // The timer's 1 ms resolution delays a send by under a millisecond; that delay is counted in its latency.
            timer = vertx.setPeriodic(1, tick -> sendWhatIsDue());
            sendWhatIsDue();
        }

        private void sendWhatIsDue() {
            long due = rate.dueBy(System.nanoTime() - begin);
            while (sent < due) {
                long intended = begin + rate.intendedOffset(sent);
                sent++;
                exchange(requests.get()).onComplete(answer -> {
                    count(answer, System.nanoTime() - intended);
                    if (completed == rate.total()) {
                        finish(rate.durationNanos());
                    }
                });
            }
            if (sent == rate.total()) {
                vertx.cancelTimer(timer);
            }
        }
    }

    private static LoadResult await(CompletableFuture<LoadResult> result, Duration duration) {
        try {
            return result.get(duration.plus(DRAIN).toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("The server left requests unanswered more than " + DRAIN.toSeconds()
                    + " s after the run ended", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("The load run failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during a load run", e);
        }
    }

    @Override
    public void close() {
        client.close().toCompletionStage().toCompletableFuture().join();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
