package io.musicplatform.benchmarks.notifications;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Many Server-Sent Events streams held open at once on Vert.x's asynchronous client, one connection
 * each, every event handed to a listener with the instant its last line arrived. The lines are split
 * as they come (an event may span two reads, two events may share one), so each arrival is timed at the
 * moment the client could have shown it.
 */
final class SseClients implements AutoCloseable {

    /** Receives every event of every stream, on the client's event loops. */
    interface Listener {
        void event(int stream, String type, String data, long arrivedNanos);
    }

    private final Vertx vertx;
    private final HttpClient client;
    private final int streams;
    private final CountDownLatch opened;
    private final AtomicInteger failed = new AtomicInteger();

    /**
     * Opens {@code streams} streams of {@code path} on {@code server}, each with {@code bearerToken}
     * (or none when null); a stream counts as open at its first event.
     */
    SseClients(URI server, String path, String bearerToken, int streams, Listener listener) {
        this.streams = streams;
        this.opened = new CountDownLatch(streams);
        // Two event loops, as many as the machine has cores: the parsing must not be what is measured.
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(1).setInternalBlockingPoolSize(1));
        this.client = vertx.createHttpClient(new HttpClientOptions()
                        .setDefaultHost(server.getHost()).setDefaultPort(server.getPort())
                        .setKeepAlive(true).setConnectTimeout(10_000),
                new PoolOptions().setHttp1MaxSize(streams).setMaxWaitQueueSize(-1));
        for (int i = 0; i < streams; i++) {
            open(i, path, bearerToken, listener);
        }
    }

    private void open(int stream, String path, String bearerToken, Listener listener) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setURI(path).putHeader("Accept", "text/event-stream");
        if (bearerToken != null) {
            options.putHeader("Authorization", "Bearer " + bearerToken);
        }
        boolean[] first = {true};
        client.request(options).compose(request -> request.send()).onComplete(answer -> {
            if (answer.failed() || answer.result().statusCode() != 200) {
                failed.incrementAndGet();
                System.err.println("bench: stream " + stream + " refused: "
                        + (answer.failed() ? answer.cause() : answer.result().statusCode() + " " + answer.result().statusMessage()));
                opened.countDown();
                return;
            }
            EventParser parser = new EventParser((type, data) -> {
                long now = System.nanoTime();
                if (first[0]) {
                    first[0] = false;
                    opened.countDown();
                }
                listener.event(stream, type, data, now);
            });
            answer.result().handler(parser::feed);
        });
    }

    /** Waits until every stream has had its first event; false when some were refused or it took longer than {@code patience}. */
    boolean awaitOpen(Duration patience) throws InterruptedException {
        return opened.await(patience.toMillis(), TimeUnit.MILLISECONDS) && failed.get() == 0;
    }

    int streams() {
        return streams;
    }

    @Override
    public void close() {
        client.close().toCompletionStage().toCompletableFuture().orTimeout(30, TimeUnit.SECONDS).join();
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(30, TimeUnit.SECONDS).join();
    }

    /** The text/event-stream format, line by line: an event ends at its blank line; comments (heartbeats) are skipped. */
    static final class EventParser {

        interface Events {
            void event(String type, String data);
        }

        private final Events events;
        private final StringBuilder line = new StringBuilder();
        private String type = "message";
        private final StringBuilder data = new StringBuilder();
        private boolean hasData;

        EventParser(Events events) {
            this.events = events;
        }

        void feed(Buffer chunk) {
            String text = chunk.toString(StandardCharsets.UTF_8);
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\n') {
                    line(line.toString());
                    line.setLength(0);
                } else if (c != '\r') {
                    line.append(c);
                }
            }
        }

        private void line(String text) {
            if (text.isEmpty()) {
                if (hasData) {
                    events.event(type, data.toString());
                }
                type = "message";
                data.setLength(0);
                hasData = false;
            } else if (text.startsWith("event:")) {
                type = text.substring(6).strip();
            } else if (text.startsWith("data:")) {
                if (hasData) {
                    data.append('\n');
                }
                data.append(text.substring(5).stripLeading());
                hasData = true;
            }
        }
    }
}
