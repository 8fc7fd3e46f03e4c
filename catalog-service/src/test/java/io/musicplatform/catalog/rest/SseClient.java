package io.musicplatform.catalog.rest;

import io.restassured.path.json.JsonPath;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A Server-Sent Events client for the stream tests, as a browser's EventSource reads: a real HTTP
 * connection, its lines read as they arrive (by a thread of its own) and put together into events,
 * which the test takes one by one with a timeout. Never sleeps: {@link #next} waits for the next event.
 */
public final class SseClient implements AutoCloseable {

    /** One event: its fields as written, {@code comment} for a comment-only event such as the heartbeat. */
    public record Event(String id, String name, String data, String comment) {

        public JsonPath json() {
            return JsonPath.from(data);
        }

        public boolean isHeartbeat() {
            return name == null && data == null && comment != null;
        }

        @Override
        public String toString() {
            return comment != null && name == null ? ":" + comment : "id: " + id + " event: " + name + " data: " + data;
        }
    }

    /** Marks the end of the response in the queue. */
    private static final Event END = new Event(null, null, null, null);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final HttpResponse<InputStream> response;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final String errorBody;
    private volatile boolean ended;

    private SseClient(HttpResponse<InputStream> response) throws IOException {
        this.response = response;
        if (response.statusCode() == 200) {
            this.errorBody = null;
            Thread.ofVirtual().name("sse-client").start(this::read);
        } else {
            try (InputStream body = response.body()) {
                this.errorBody = new String(body.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    /**
     * Opens {@code uri} with the bearer {@code token} (none when null) and {@code lastEventId} (none when
     * null); returns once the answer's head has come, whatever its status.
     */
    public static SseClient open(URI uri, String token, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        try {
            return new SseClient(HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream())
                    .get(30, TimeUnit.SECONDS));
        } catch (Exception e) {
            throw new IllegalStateException("Could not open " + uri, e);
        }
    }

    public int status() {
        return response.statusCode();
    }

    public String header(String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    /** The body of an answer other than 200. */
    public JsonPath problem() {
        return JsonPath.from(errorBody);
    }

    /** The next event, heartbeats included; fails when none comes within {@code timeout} or the stream ended. */
    public Event next(Duration timeout) {
        Event event;
        try {
            event = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting for an event", e);
        }
        if (event == null) {
            throw new AssertionError("No event within " + timeout);
        }
        if (event == END) {
            events.add(END);
            throw new AssertionError("The stream ended");
        }
        return event;
    }

    /** The next event that is not a heartbeat. */
    public Event nextEvent(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Event event = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (!event.isHeartbeat()) {
                return event;
            }
        }
    }

    /**
     * Every event other than heartbeats that comes before {@code heartbeats} heartbeats have come: what
     * the stream had to say while it had the time to say it. A test that expects nothing more gets an
     * empty list.
     */
    public List<Event> eventsUntilHeartbeats(int heartbeats, Duration timeout) {
        List<Event> seen = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        int beats = 0;
        while (beats < heartbeats) {
            Event event = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (event.isHeartbeat()) {
                beats++;
            } else {
                seen.add(event);
            }
        }
        return seen;
    }

    /** Waits for the first event that {@code wanted} accepts, skipping others. */
    public Event await(Predicate<Event> wanted, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Event event = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (wanted.test(event)) {
                return event;
            }
        }
    }

    /** Whether the server ended the response within {@code timeout}; events still queued are skipped. */
    public boolean endsWithin(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                Event event = events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (event == END) {
                    events.add(END);
                    return true;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return ended;
    }

    @Override
    public void close() {
        try {
            // Closing the body before its end makes the client drop the connection: the server sees the client go.
            response.body().close();
        } catch (IOException ignored) {
            // Closed already.
        }
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String id = null;
            String name = null;
            StringBuilder data = null;
            String comment = null;
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isEmpty()) {
                    if (name != null || data != null || comment != null || id != null) {
                        events.add(new Event(id, name, data == null ? null : data.toString(), comment));
                    }
                    id = null;
                    name = null;
                    data = null;
                    comment = null;
                    continue;
                }
                if (line.startsWith(":")) {
                    comment = line.substring(1).strip();
                    continue;
                }
                int colon = line.indexOf(':');
                String field = colon < 0 ? line : line.substring(0, colon);
                String value = colon < 0 ? "" : line.substring(colon + 1);
                if (value.startsWith(" ")) {
                    value = value.substring(1);
                }
                switch (field) {
                    case "id" -> id = value;
                    case "event" -> name = value;
                    case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                    default -> {
                        // Other fields (retry) do not matter to these tests.
                    }
                }
            }
        } catch (IOException e) {
            // The test closed it, or the server dropped it: the end either way.
        } finally {
            ended = true;
            events.add(END);
        }
    }
}
