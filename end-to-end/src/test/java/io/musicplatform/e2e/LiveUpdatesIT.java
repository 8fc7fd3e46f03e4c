package io.musicplatform.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

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
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static io.musicplatform.e2e.EndToEnd.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Journey 10: live updates through the gateway. A collaborator watches a shared playlist on
 * {@code GET /api/catalog/me/stream}; each change the owner makes arrives on its own, before the next
 * one is made (a gateway that buffered the stream would hold it back), with the collaborator's
 * notification of it; after a disconnect, {@code Last-Event-ID} replays exactly what was missed.
 */
@ExtendWith(PlatformExtension.class)
class LiveUpdatesIT {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void playlistChangesArriveOneByOneThroughTheGatewayAndAResumeMissesNothing(EndToEnd platform) throws Exception {
        String owner = platform.listener();
        String friend = platform.operator();
        List<String> tracks = PlaylistsAndRatingsIT.demoTracks(platform, owner, 3);
        Response created = platform.as(owner).contentType("application/json").body("{\"name\":\"En direct\"}").post("/api/catalog/playlists");
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        String playlist = json(created.asString()).path("id").asText();
        JsonNode invitation = json(platform.as(owner).post("/api/catalog/playlists/{id}/invitations", playlist)
                .then().statusCode(201).extract().asString());
        platform.as(friend).contentType("application/json").body("{\"invitation\":\"" + invitation.path("token").asText() + "\"}")
                .post("/api/catalog/playlists/{id}/collaborators", playlist).then().statusCode(200);
        long version = json(platform.as(owner).get("/api/catalog/playlists/{id}", playlist).asString()).path("version").asLong();

        String lastId;
        try (Stream stream = Stream.open(http, platform.gateway(), friend, playlist, null)) {
            Event ready = stream.next("ready");
            assertThat(json(ready.data()).path("playlists").get(0).path("version").asLong()).isEqualTo(version);
            lastId = ready.id();
            for (int i = 0; i < 3; i++) {
                platform.as(owner).contentType("application/json").header("If-Match", "\"" + version + "\"")
                        .body("{\"trackIds\":[\"" + tracks.get(i) + "\"]}")
                        .post("/api/catalog/playlists/{id}/tracks", playlist).then().statusCode(200);
                version++;
                // This change must arrive before the next one is made: one event at a time, not a buffer's
                // worth. The owner's change also notifies the collaborator, live too; the two travel under
                // different keys, so in either order.
                List<Event> two = List.of(stream.next(null), stream.next(null));
                assertThat(two).extracting(Event::type).containsExactlyInAnyOrder("playlist", "notification");
                Event change = two.stream().filter(e -> e.type().equals("playlist")).findFirst().orElseThrow();
                JsonNode data = json(change.data());
                assertThat(data.path("version").asLong()).isEqualTo(version);
                assertThat(data.path("change").asText()).isEqualTo("add");
                assertThat(data.path("trackIds").get(0).asText()).isEqualTo(tracks.get(i));
                JsonNode notification = json(two.stream().filter(e -> e.type().equals("notification")).findFirst().orElseThrow().data());
                assertThat(notification.path("kind").asText()).isEqualTo("playlist-change");
                assertThat(notification.path("playlist").path("id").asText()).isEqualTo(playlist);
                assertThat(notification.path("changes").asInt()).isPositive();
                lastId = two.get(1).id();
                assertThat(lastId).endsWith("." + version);
            }
        }

        // While the collaborator is away, the owner renames the playlist; coming back with the last id
        // replays that change and its notification, and nothing already seen.
        platform.as(owner).contentType("application/json").header("If-Match", "\"" + version + "\"")
                .body("{\"name\":\"En direct (suite)\"}").patch("/api/catalog/playlists/{id}", playlist).then().statusCode(200);
        version++;
        try (Stream resumed = Stream.open(http, platform.gateway(), friend, playlist, lastId)) {
            Event first = resumed.next(null);
            Event second = resumed.next(null);
            assertThat(List.of(first.type(), second.type())).containsExactlyInAnyOrder("playlist", "notification");
            Event change = first.type().equals("playlist") ? first : second;
            assertThat(json(change.data()).path("version").asLong()).isEqualTo(version);
            assertThat(json(change.data()).path("name").asText()).isEqualTo("En direct (suite)");
            Event notified = first.type().equals("notification") ? first : second;
            assertThat(json(notified.data()).path("playlist").path("id").asText()).isEqualTo(playlist);
            assertThat(resumed.poll(Duration.ofSeconds(1))).as("nothing more than what was missed").isNull();
        }

        // A malformed Last-Event-ID is refused before the stream opens.
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(platform.gateway().resolve("/api/catalog/me/stream?playlist=" + playlist))
                .header("Authorization", "Bearer " + friend).header("Accept", "text/event-stream").header("Last-Event-ID", "yesterday")
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    }

    /** One event of a stream: its type, id and data. */
    record Event(String type, String id, String data) {
    }

    /** A stream read through the gateway, event by event, on a thread of its own. */
    static final class Stream implements AutoCloseable {

        private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        private final InputStream body;
        private final Thread reader;

        private Stream(InputStream body) {
            this.body = body;
            this.reader = Thread.ofVirtual().start(this::read);
        }

        static Stream open(HttpClient http, URI gateway, String token, String playlist, String lastEventId) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(gateway.resolve("/api/catalog/me/stream?playlist=" + playlist))
                    .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").GET();
            if (lastEventId != null) {
                request.header("Last-Event-ID", lastEventId);
            }
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
            return new Stream(response.body());
        }

        private void read() {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                String type = "message";
                String id = null;
                StringBuilder data = new StringBuilder();
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.isEmpty()) {
                        if (!data.isEmpty()) {
                            events.add(new Event(type, id, data.toString()));
                        }
                        type = "message";
                        data.setLength(0);
                    } else if (line.startsWith("event:")) {
                        type = line.substring(6).strip();
                    } else if (line.startsWith("id:")) {
                        id = line.substring(3).strip();
                    } else if (line.startsWith("data:")) {
                        data.append(data.isEmpty() ? "" : "\n").append(line.substring(5).stripLeading());
                    }
                }
            } catch (IOException closed) {
                // The test closed the stream.
            }
        }

        /** The next event (of {@code type}, when given, skipping none of another type), within the propagation time. */
        Event next(String type) throws InterruptedException {
            Event event = poll(EndToEnd.PROPAGATED_WITHIN);
            assertThat(event).as("an event within " + EndToEnd.PROPAGATED_WITHIN).isNotNull();
            if (type != null) {
                assertThat(event.type()).as(event.toString()).isEqualTo(type);
            }
            return event;
        }

        Event poll(Duration within) throws InterruptedException {
            return events.poll(within.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() throws IOException {
            body.close();
            reader.interrupt();
        }
    }
}
