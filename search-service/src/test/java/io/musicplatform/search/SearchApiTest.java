package io.musicplatform.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.musicplatform.events.Media;
import io.musicplatform.events.PlayContext;
import io.musicplatform.events.TrackFacts;
import io.musicplatform.events.TrackPlayed;
import io.musicplatform.events.TrackPlayedSerializer;
import io.musicplatform.events.Topics;
import io.musicplatform.events.TrackIngested;
import io.musicplatform.events.TrackStatus;
import io.musicplatform.servicetesting.TestEvents;
import io.musicplatform.servicetesting.TestTokens;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/**
 * What the search tests share: real tokens of the kit's Keycloak, the topics search reads (which
 * ingestion-service and playback-service would have created), revisions as ingestion-service
 * publishes them, and a look at the stored document to wait for the feed.
 */
public abstract class SearchApiTest {

    protected static final Duration PATIENCE = Duration.ofSeconds(60);

    @ConfigProperty(name = "quarkus.oidc.auth-server-url")
    String realm;

    @Inject
    protected RestClient indexClient;

    @Inject
    protected ObjectMapper json;

    @BeforeAll
    static void createTopics() {
        TestEvents.createTopics(Topics.TRACK_INGESTED, Topics.TRACK_PLAYED);
    }

    protected final TestTokens tokens() {
        return TestTokens.forRealm(realm);
    }

    /** A genre no other test uses, to keep a test's searches to its own tracks. */
    protected static String uniqueGenre() {
        StringBuilder genre = new StringBuilder("genre");
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 8; i++) {
            genre.append((char) ('a' + random.nextInt(26)));
        }
        return genre.toString();
    }

    public static TrackIngested revision(String trackId, long revision, TrackStatus status, String title, List<String> artists,
                                         String album, String genre, Integer year) {
        return new TrackIngested(UUID.randomUUID(), Instant.now(), trackId, revision, status, title, artists, album, null,
                genre, year, 1, 1, 214_000, new Media("media", "tracks/" + trackId + ".mp3", "audio/mpeg", "mp3", 320, 44_100,
                8_560_000, "0".repeat(64)), List.of());
    }

    public static TrackIngested track(String title, List<String> artists, String album, String genre, Integer year) {
        return revision(UUID.randomUUID().toString(), 1, TrackStatus.AVAILABLE, title, artists, album, genre, year);
    }

    /** Publishes the revisions and waits until the index holds the last revision of each track. */
    protected final void published(TrackIngested... revisions) {
        TestEvents.publish(revisions);
        for (TrackIngested revision : revisions) {
            long highest = java.util.Arrays.stream(revisions).filter(r -> r.trackId().equals(revision.trackId()))
                    .mapToLong(TrackIngested::revision).max().orElseThrow();
            await().atMost(PATIENCE).until(() -> stored(revision.trackId()) != null
                    && stored(revision.trackId()).path("revision").asLong() == highest);
        }
        refresh();
    }

    /** The stored document of a track behind the alias (tombstones included), or null. */
    protected final JsonNode stored(String trackId) throws IOException {
        try {
            JsonNode answer = json.readTree(indexClient.performRequest(new Request("GET", "/tracks/_doc/" + trackId))
                    .getEntity().getContent());
            return answer.path("found").asBoolean() ? answer.path("_source") : null;
        } catch (ResponseException notFound) {
            if (notFound.getResponse().getStatusLine().getStatusCode() == 404) {
                return null;
            }
            throw notFound;
        }
    }

    /** Makes every write visible to searches now, rather than at the next refresh. */
    protected final void refresh() {
        try {
            indexClient.performRequest(new Request("POST", "/tracks/_refresh"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    protected final ValidatableResponse search(Object... parameters) {
        var request = given().auth().oauth2(tokens().listener());
        for (int i = 0; i < parameters.length; i += 2) {
            request = request.queryParam((String) parameters[i], parameters[i + 1]);
        }
        return request.get("/api/search").then();
    }

    /** Publishes plays as playback-service would, all sent before any is awaited, so that they arrive in few batches. */
    protected static void play(String trackId, int times) {
        play(Map.of(trackId, times));
    }

    /** {@link #play(String, int)} for several tracks with one producer. */
    protected static void play(Map<String, Integer> timesPerTrack) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestEvents.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 20), new StringSerializer(), new ByteArraySerializer());
             TrackPlayedSerializer serializer = new TrackPlayedSerializer()) {
            for (Map.Entry<String, Integer> entry : timesPerTrack.entrySet()) {
                String trackId = entry.getKey();
                for (int i = 0; i < entry.getValue(); i++) {
                    TrackPlayed played = new TrackPlayed(UUID.randomUUID(), Instant.now(), trackId, "listener-" + i,
                            new PlayContext("web", "computer", "FR"), new TrackFacts("Édith Piaf", null, 180_000));
                    RecordHeaders headers = new RecordHeaders();
                    byte[] value = serializer.serialize(Topics.TRACK_PLAYED, headers, played);
                    producer.send(new ProducerRecord<>(Topics.TRACK_PLAYED, null, trackId, value, headers));
                }
            }
            producer.flush();
        }
    }
}
