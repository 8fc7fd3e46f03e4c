package io.musicplatform.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.musicplatform.catalog.rest.SseClient;
import io.musicplatform.events.ArtistId;
import io.musicplatform.events.TopicCreator;
import io.musicplatform.events.Topics;
import io.musicplatform.events.TrackStatus;
import io.musicplatform.realservers.RealServers;
import io.musicplatform.realservers.ServerKind;
import io.musicplatform.realservers.SharedRealServers;
import io.musicplatform.servicetesting.LaunchedService;
import io.musicplatform.servicetesting.ServiceLauncher;
import io.musicplatform.servicetesting.TestEvents;
import io.musicplatform.servicetesting.TestTokens;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two packaged replicas of catalog-service on the same Kafka, PostgreSQL and Keycloak, as a load
 * balancer spreads listeners over them: a listener connected to one sees, live, a playlist change
 * made through the other, and a new-release notification reaches the listener's streams on both
 * replicas whichever of them made it. They learn of each other's changes only through catalog-changes.
 * A stream that resumes on the other replica misses nothing, and a replica that stops ends its streams
 * at once (rather than hold its stop until they time out) and refuses new ones, so that they go elsewhere.
 */
class LiveUpdatesAcrossReplicasIT {

    private static final Set<ServerKind> SERVERS = Set.of(ServerKind.KAFKA, ServerKind.POSTGRES, ServerKind.KEYCLOAK);
    private static final Duration PATIENCE = Duration.ofSeconds(180);
    private static final Duration EVENT = Duration.ofSeconds(30);

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aChangeThroughOneReplicaReachesTheStreamsOfTheOther() throws Exception {
        RealServers servers = SharedRealServers.start(SERVERS);
        String bootstrap = servers.kafka().bootstrapServers();
        // ingestion-service's topic; the replicas create catalog-changes themselves.
        TopicCreator.ensure(bootstrap, List.of(Topics.spec(Topics.TRACK_INGESTED)), Duration.ofSeconds(30));
        TestTokens tokens = TestTokens.of(servers.keycloak());
        String listener = tokens.listener();

        ServiceLauncher launcher = ServiceLauncher.of(Path.of("")).withServers(servers, SERVERS)
                .withProperty("music.catalog.stream.heartbeat", "PT1S")
                // As the chart runs it: a stopping replica lets its requests finish for up to 20 s; and a
                // delay, while which a stopping replica still answers requests, as it may be set there.
                .withProperty("quarkus.shutdown.timeout", "20s")
                .withProperty("quarkus.shutdown.delay", "3s")
                .withProperty("quarkus.log.console.json.enabled", "false");
        try (LaunchedService first = launcher.start(); LaunchedService second = launcher.start()) {
            first.awaitReady(PATIENCE);
            second.awaitReady(PATIENCE);

            String artistName = "Catherine Ribeiro " + UUID.randomUUID().toString().substring(0, 8);
            String seedTrack = UUID.randomUUID().toString();
            TestEvents.publish(bootstrap, CatalogEvents.revision(seedTrack, 1, TrackStatus.AVAILABLE, "Paix", List.of(artistName), null, null));
            await().atMost(PATIENCE).until(() -> send(first, "GET", "/api/catalog/tracks/" + seedTrack, listener, null).statusCode() == 200);
            assertThat(send(first, "PUT", "/api/catalog/me/subscriptions/artists/" + ArtistId.of(artistName), listener, null).statusCode())
                    .isIn(200, 201);
            String playlist = json.readTree(send(first, "POST", "/api/catalog/playlists", listener,
                    "{\"name\": \"Entre deux serveurs\"}").body()).path("id").asText();

            String lastRead;
            try (SseClient onSecond = SseClient.open(stream(second, playlist), listener, null);
                 SseClient onFirst = SseClient.open(stream(first, playlist), listener, null)) {
                SseClient.Event ready = onSecond.nextEvent(EVENT);
                assertThat(ready.name()).isEqualTo("ready");
                long sequence = Long.parseLong(ready.id().split("\\.")[0]);
                assertThat(ready.id()).isEqualTo(sequence + ".1");
                assertThat(onFirst.nextEvent(EVENT).id()).isEqualTo(ready.id());

                // A playlist change through the first replica, live on the second.
                HttpResponse<String> added = send(first, "POST", "/api/catalog/playlists/" + playlist + "/tracks", listener,
                        "{\"trackIds\": [\"" + seedTrack + "\"]}", "\"1\"");
                assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
                SseClient.Event change = onSecond.nextEvent(EVENT);
                assertThat(change.name()).isEqualTo("playlist");
                assertThat(change.id()).isEqualTo(sequence + ".2");
                assertThat(change.json().getList("trackIds")).containsExactly(seedTrack);
                assertThat(onFirst.nextEvent(EVENT).id()).isEqualTo(sequence + ".2");

                // A new release: made by whichever replica reads its partition, on both replicas' streams.
                String release = UUID.randomUUID().toString();
                TestEvents.publish(bootstrap, CatalogEvents.revision(release, 1, TrackStatus.AVAILABLE, "Poème non épique",
                        List.of(artistName), null, null));
                for (SseClient stream : List.of(onSecond, onFirst)) {
                    SseClient.Event notified = stream.nextEvent(EVENT);
                    assertThat(notified.name()).isEqualTo("notification");
                    assertThat(notified.id()).isEqualTo((sequence + 1) + ".2");
                    assertThat(notified.json().getList("tracks.id")).containsExactly(release);
                }
                lastRead = (sequence + 1) + ".2";
            }

            // The client moves to the other replica while a change happens: it resumes there with nothing missed.
            HttpResponse<String> renamed = send(second, "PATCH", "/api/catalog/playlists/" + playlist, listener,
                    "{\"name\": \"Entre deux serveurs, encore\"}", "\"2\"");
            assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);
            try (SseClient resumed = SseClient.open(stream(first, playlist), listener, lastRead)) {
                SseClient.Event missed = resumed.nextEvent(EVENT);
                assertThat(missed.name()).isEqualTo("playlist");
                assertThat(missed.id()).isEqualTo(lastRead.split("\\.")[0] + ".3");
                assertThat(missed.json().getString("name")).isEqualTo("Entre deux serveurs, encore");
                assertThat(resumed.eventsUntilHeartbeats(2, EVENT)).isEmpty();
            }

            // A replica that stops (a rolling update) ends its streams at once, rather than hold its
            // shutdown until they time out, so that their clients reconnect to another replica.
            try (SseClient leaving = SseClient.open(stream(second, playlist), listener, null)) {
                assertThat(leaving.nextEvent(EVENT).name()).isEqualTo("ready");
                long stopping = System.nanoTime();
                Thread stopper = Thread.ofVirtual().start(second::stop);
                assertThat(leaving.endsWithin(Duration.ofSeconds(3))).as("the stream ended as the replica began to stop").isTrue();
                // Still answering during its delay, it sends a new stream elsewhere.
                try (SseClient refused = SseClient.open(stream(second, playlist), listener, null)) {
                    assertThat(refused.status()).isEqualTo(503);
                    assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
                    assertThat(refused.header("Retry-After")).isEqualTo("1");
                    assertThat(refused.problem().getString("title")).isEqualTo("Server stopping");
                }
                stopper.join(Duration.ofSeconds(30));
                assertThat(second.isAlive()).isFalse();
                assertThat(Duration.ofNanos(System.nanoTime() - stopping)).as("the stop, not held by the stream")
                        .isLessThan(Duration.ofSeconds(15));
                // The client goes on where it stood, on the replica that still runs.
                try (SseClient elsewhere = SseClient.open(stream(first, playlist), listener, null)) {
                    assertThat(elsewhere.nextEvent(EVENT).name()).isEqualTo("ready");
                }
            }
        }
    }

    private static URI stream(LaunchedService service, String playlist) {
        return service.baseUri().resolve("/api/catalog/me/stream?playlist=" + playlist);
    }

    private HttpResponse<String> send(LaunchedService service, String method, String path, String token, String body) throws Exception {
        return send(service, method, path, token, body, null);
    }

    private HttpResponse<String> send(LaunchedService service, String method, String path, String token, String body, String ifMatch)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(service.baseUri().resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
