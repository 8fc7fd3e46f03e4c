package io.musicplatform.playback;

import io.musicplatform.events.Media;
import io.musicplatform.events.TopicCreator;
import io.musicplatform.events.Topics;
import io.musicplatform.events.TrackIngested;
import io.musicplatform.events.TrackPlayedDeserializer;
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
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged service killed with {@code kill -9} while listeners press play: every play it answered
 * 200 is on track-played once it is back, because its event was committed with the play.
 */
class PlaybackCrashIT {

    private static final Set<ServerKind> SERVERS = Set.of(ServerKind.KAFKA, ServerKind.POSTGRES, ServerKind.KEYCLOAK);
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final Pattern PLAY_ID = Pattern.compile("\"playId\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    @Test
    void everyAnsweredPlayIsPublishedAfterAKill() throws Exception {
        RealServers servers = SharedRealServers.start(SERVERS);
        String bootstrap = servers.kafka().bootstrapServers();
        TopicCreator.ensure(bootstrap, List.of(Topics.spec(Topics.TRACK_INGESTED)), Duration.ofSeconds(30));
        String trackId = UUID.randomUUID().toString();
        TestEvents.publish(bootstrap, new TrackIngested(UUID.randomUUID(), Instant.now(), trackId, 1, TrackStatus.AVAILABLE, "Sous le feu",
                List.of("Zaz"), null, null, "chanson", 2010, 1, 1, 200_000,
                new Media("media", "tracks/" + trackId + ".mp3", "audio/mpeg", "mp3", 320, 44_100, 1_000_000, "b".repeat(64)), List.of()));
        String token = TestTokens.of(servers.keycloak()).operator();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Set<UUID> answered = ConcurrentHashMap.newKeySet();

        try (LaunchedService playback = ServiceLauncher.of(Path.of("")).withServers(servers, SERVERS)
                .withProperty("music.playback.plays-per-minute", "10000000")
                .withProperty("quarkus.log.console.json.enabled", "false")
                .start()) {
            playback.awaitReady(PATIENCE);
            URI play = playback.baseUri().resolve("/api/playback/tracks/" + trackId + "/play");
            await().atMost(PATIENCE).until(() -> send(http, play, token, answered));

            AtomicBoolean pressing = new AtomicBoolean(true);
            ExecutorService listeners = Executors.newFixedThreadPool(4);
            for (int i = 0; i < 4; i++) {
                listeners.submit(() -> {
                    while (pressing.get()) {
                        send(http, play, token, answered);
                    }
                });
            }
            int before = answered.size();
            await().atMost(PATIENCE).until(() -> answered.size() >= before + 300);
            playback.kill();
            pressing.set(false);
            listeners.shutdown();
            assertThat(listeners.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            assertThat(playback.isAlive()).isFalse();

            playback.restart().awaitReady(PATIENCE);
            Set<UUID> expected = Set.copyOf(answered);
            await().atMost(PATIENCE).until(() -> published(bootstrap).containsAll(expected));
            assertThat(expected).hasSizeGreaterThanOrEqualTo(300);
        }
    }

    /** One play; its id when it was answered 200, false when it was not (the service may be gone). */
    private static boolean send(HttpClient http, URI play, String token, Set<UUID> answered) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(play).timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return false;
            }
            Matcher id = PLAY_ID.matcher(response.body());
            assertThat(id.find()).as("a play id in %s", response.body()).isTrue();
            answered.add(UUID.fromString(id.group(1)));
            return true;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The eventIds on track-played now. */
    private static Set<UUID> published(String bootstrap) {
        try (TrackPlayedDeserializer deserializer = new TrackPlayedDeserializer()) {
            return TestEvents.readAll(bootstrap, Topics.TRACK_PLAYED).stream()
                    .map(record -> deserializer.deserialize(record.topic(), record.headers(), record.value()).eventId())
                    .collect(Collectors.toSet());
        }
    }
}
