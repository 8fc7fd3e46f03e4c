package io.musicplatform.playback.rest;

import io.micrometer.core.instrument.MeterRegistry;
import io.musicplatform.events.TrackIngested;
import io.musicplatform.events.TrackPlayed;
import io.musicplatform.events.TrackStatus;
import io.musicplatform.playback.PlaybackApiTest;
import io.musicplatform.playback.PlaybackFixtures;
import io.musicplatform.playback.config.PlaybackConfig;
import io.musicplatform.playback.entity.PlayableTrack;
import io.musicplatform.playback.service.StreamUrls;
import io.musicplatform.realservers.RealServersTestResource;
import io.musicplatform.servicetesting.TestEvents;
import io.musicplatform.servicetesting.TestTokens;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pressing play with real tokens, a real S3 server that checks signatures, and real Kafka: the URL
 * streams the exact bytes, the storage refuses a tampered or expired one, every granted play is one
 * TrackPlayed, a retry with the same key is the same play, and the rights are enforced: a takedown
 * at once where it is applied, within the track cache's TTL on the other replicas.
 */
@QuarkusTest
@WithTestResource(value = RealServersTestResource.class,
        initArgs = @ResourceArg(name = RealServersTestResource.SERVERS, value = "kafka,postgres,s3,keycloak"))
class PlayResourceTest extends PlaybackApiTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Inject
    StreamUrls urls;

    @Inject
    PlaybackConfig config;

    @Inject
    MeterRegistry registry;

    @Test
    void aPlayAnswersASignedUrlThatStreamsTheAudioAndIsAnnouncedOnce() throws Exception {
        byte[] audio = PlaybackFixtures.audio(64 * 1024);
        TrackIngested track = PlaybackFixtures.storedTrack("Je veux", audio, TrackStatus.AVAILABLE, List.of());
        published(track);
        Instant before = Instant.now();

        var grant = play(tokens().listener(), track.trackId(), null, "{\"platform\": \"web\", \"device\": \"computer\"}")
                .statusCode(200)
                .header("Cache-Control", "no-store")
                .body("playId", notNullValue())
                .body("track.id", is(track.trackId()))
                .body("track.title", is("Je veux"))
                .body("track.artists", contains("Zaz", "Pomme"))
                .body("track.durationMs", is(187_000))
                .body("track.contentType", is("audio/mpeg"))
                .extract();
        Instant expiresAt = Instant.parse(grant.path("expiresAt"));
        assertTrue(expiresAt.isAfter(before.plus(Duration.ofMinutes(4))) && expiresAt.isBefore(before.plus(Duration.ofMinutes(6))),
                "the URL lives the configured five minutes: " + expiresAt);
        URI url = URI.create(grant.path("streamUrl"));

        HttpResponse<byte[]> whole = get(url, null);
        assertEquals(200, whole.statusCode());
        assertArrayEquals(audio, whole.body());
        HttpResponse<byte[]> part = get(url, "bytes=1000-1999");
        assertEquals(206, part.statusCode(), "seeking works through Range");
        assertArrayEquals(Arrays.copyOfRange(audio, 1000, 2000), part.body());

        UUID playId = UUID.fromString(grant.path("playId"));
        TrackPlayed event = awaitPlays(Set.of(playId), 1).getFirst();
        assertEquals(track.trackId(), event.trackId());
        assertEquals(TestTokens.subject(tokens().listener()), event.userId());
        assertEquals("web", event.context().platform());
        assertEquals("computer", event.context().device());
        assertEquals("FR", event.context().country(), "the country comes from the token");
        assertEquals("Zaz", event.track().artist());
        assertEquals("chanson", event.track().genre());
        assertEquals(187_000, event.track().durationMs());

        // Without a body, the play says it does not know where it happens.
        UUID bare = UUID.fromString(play(tokens().listener(), track.trackId(), null, null).statusCode(200).extract().path("playId"));
        TrackPlayed unknown = awaitPlays(Set.of(bare), 1).getFirst();
        assertEquals("unknown", unknown.context().platform());
        assertEquals("unknown", unknown.context().device());
    }

    @Test
    void theStorageRefusesATamperedOrExpiredUrl() throws Exception {
        TrackIngested track = PlaybackFixtures.storedTrack("Éblouie par la nuit", PlaybackFixtures.audio(4096), TrackStatus.AVAILABLE, List.of());
        published(track);
        String url = play(tokens().listener(), track.trackId(), null, null).statusCode(200).extract().path("streamUrl");

        String tampered = url.replaceFirst("X-Amz-Signature=([0-9a-f])", "X-Amz-Signature=" + (url.contains("X-Amz-Signature=0") ? "1" : "0"));
        assertTrue(!tampered.equals(url));
        assertEquals(403, get(URI.create(tampered), null).statusCode());
        String otherObject = url.replace(track.trackId(), UUID.randomUUID().toString());
        assertEquals(403, get(URI.create(otherObject), null).statusCode(), "a signature is for one object");
        String unsigned = url.substring(0, url.indexOf('?'));
        assertEquals(403, get(URI.create(unsigned), null).statusCode());

        StreamUrls.StreamUrl shortLived = urls.sign(projected(track.trackId()), Duration.ofSeconds(1));
        assertEquals(200, get(shortLived.url(), null).statusCode());
        await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(shortLived.expiresAt().plusSeconds(1)));
        assertEquals(403, get(shortLived.url(), null).statusCode(), "an expired URL is refused by the storage");
    }

    @Test
    void aRetryWithTheSameKeyIsTheSamePlayAndIsAnnouncedOnce() throws Exception {
        TrackIngested track = PlaybackFixtures.storedTrack("Dernière danse", PlaybackFixtures.audio(1024), TrackStatus.AVAILABLE, List.of());
        TrackIngested other = PlaybackFixtures.storedTrack("Tous les mêmes", PlaybackFixtures.audio(1024), TrackStatus.AVAILABLE, List.of());
        published(track, other);
        String key = UUID.randomUUID().toString();

        String first = play(tokens().listener(), track.trackId(), key, null).statusCode(200).header("Idempotent-Replayed", nullValue())
                .extract().path("playId");
        String again = play(tokens().listener(), track.trackId(), key, null).statusCode(200).header("Idempotent-Replayed", "true")
                .body("streamUrl", notNullValue()).extract().path("playId");
        assertEquals(first, again);
        // The same key from another listener is another play.
        String operators = play(tokens().operator(), track.trackId(), key, null).statusCode(200).extract().path("playId");
        assertTrue(!operators.equals(first));
        // The same key for another track is a mistake of the client.
        play(tokens().listener(), other.trackId(), key, null).statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItem("Idempotency-Key"));

        // Eight retries at once with a new key: one play, one event.
        String racing = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        Set<String> playIds = new HashSet<>();
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit((Callable<String>) () -> play(tokens().listener(), track.trackId(), racing, null)
                        .statusCode(200).extract().path("playId")));
            }
            for (Future<String> answer : answers) {
                playIds.add(answer.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, playIds.size(), "every racing retry got the same play: " + playIds);

        Set<UUID> ids = Set.of(UUID.fromString(first), UUID.fromString(operators), UUID.fromString(playIds.iterator().next()));
        awaitPlays(ids, 3);
        // Long enough for a second copy to have gone out, had there been one.
        Thread.sleep(1500);
        assertEquals(3, PlaybackFixtures.plays(ids).size(), "one event per play, none for the retries");
    }

    @Test
    void theRightsAreChecked() {
        TrackIngested everywhere = PlaybackFixtures.storedTrack("Partout", PlaybackFixtures.audio(512), TrackStatus.AVAILABLE, List.of());
        TrackIngested americanOnly = PlaybackFixtures.storedTrack("Seulement aux États-Unis", PlaybackFixtures.audio(512),
                TrackStatus.AVAILABLE, List.of("US", "CA"));
        TrackIngested removed = PlaybackFixtures.storedTrack("Retirée", PlaybackFixtures.audio(512), TrackStatus.AVAILABLE, List.of());
        published(everywhere, americanOnly, removed);
        published(PlaybackFixtures.revision(removed.trackId(), 2, TrackStatus.TAKEN_DOWN, "Retirée", removed.media().key(), List.of()));

        play(tokens().listener(), UUID.randomUUID().toString(), null, null).statusCode(404).contentType("application/problem+json");
        play(tokens().listener(), removed.trackId(), null, null).statusCode(410).contentType("application/problem+json");
        // listener is in FR, operator in US.
        play(tokens().listener(), americanOnly.trackId(), null, null).statusCode(451).contentType("application/problem+json")
                .body("detail", containsString("FR"));
        play(tokens().operator(), americanOnly.trackId(), null, null).statusCode(200);
        // A listener without a country plays only what has no territory limit.
        play(tokens().listenerWithoutCountry(), americanOnly.trackId(), null, null).statusCode(451)
                .body("detail", containsString("no country"));
        play(tokens().listenerWithoutCountry(), everywhere.trackId(), null, null).statusCode(200);
    }

    @Test
    void aTakedownAppliedByThisReplicaStopsPlaysAtOnce() {
        TrackIngested track = PlaybackFixtures.storedTrack("Bientôt retirée", PlaybackFixtures.audio(512), TrackStatus.AVAILABLE, List.of());
        published(track);
        // Played once, the track is held in memory for the next plays.
        play(tokens().listener(), track.trackId(), null, null).statusCode(200);
        double applied = applied();

        TestEvents.publish(PlaybackFixtures.revision(track.trackId(), 2, TrackStatus.TAKEN_DOWN, "Bientôt retirée", track.media().key(), List.of()));
        await().atMost(Duration.ofSeconds(60)).until(() -> applied() > applied);

        play(tokens().listener(), track.trackId(), null, null).statusCode(410);
        play(tokens().listener(), track.trackId(), UUID.randomUUID().toString(), null).statusCode(410);
    }

    @Test
    void aRevisionAppliedByAnotherReplicaHoldsWithinTheTrackCacheTtl() throws Throwable {
        TrackIngested track = PlaybackFixtures.storedTrack("Ailleurs retirée", PlaybackFixtures.audio(512), TrackStatus.AVAILABLE, List.of());
        published(track);
        play(tokens().listener(), track.trackId(), null, null).statusCode(200);
        long held = System.nanoTime();

        // Another replica applies a takedown: the row changes, and this replica hears of it only from the row.
        UUID id = UUID.fromString(track.trackId());
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() ->
                PlayableTrack.update("status = ?1, revision = revision + 1 where id = ?2", TrackStatus.TAKEN_DOWN, id)));
        Duration ttl = config.trackCacheTtl();
        int stale = play(tokens().listener(), track.trackId(), null, null).extract().statusCode();
        if (System.nanoTime() - held < ttl.dividedBy(2).toNanos()) {
            assertEquals(200, stale, "within half the TTL, plays are answered from memory, as the track was read");
        }

        await().atMost(ttl.plusSeconds(2)).pollInterval(Duration.ofMillis(500))
                .until(() -> play(tokens().listener(), track.trackId(), null, null).extract().statusCode() == 410);
        assertTrue(System.nanoTime() - held <= ttl.plusSeconds(2).toNanos(), "the takedown held within the TTL");
    }

    @Test
    void badRequestsAreClearProblems() {
        TrackIngested track = PlaybackFixtures.storedTrack("Entrée", PlaybackFixtures.audio(512), TrackStatus.AVAILABLE, List.of());
        published(track);
        String listener = tokens().listener();
        given().auth().oauth2(listener).post("/api/playback/tracks/not-a-uuid/play").then().statusCode(400)
                .contentType("application/problem+json");
        for (String body : List.of("{\"platform\": \"Web Browser\"}", "{\"device\": \"" + "a".repeat(40) + "\"}")) {
            play(listener, track.trackId(), null, body).statusCode(400).contentType("application/problem+json")
                    .body("errors.field", notNullValue());
        }
        play(listener, track.trackId(), null, "{not json").statusCode(400).contentType("application/problem+json");
        play(listener, track.trackId(), "k".repeat(101), null).statusCode(400).contentType("application/problem+json");
        play(listener, track.trackId(), "with space", null).statusCode(400);
        given().post("/api/playback/tracks/" + track.trackId() + "/play").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(tokens().foreignKey()).post("/api/playback/tracks/" + track.trackId() + "/play").then().statusCode(401);
        given().auth().oauth2(tokens().expired()).post("/api/playback/tracks/" + track.trackId() + "/play").then().statusCode(401);
    }

    @Test
    void aListenerWhoPlaysTooFastIsToldWhenToTryAgain() {
        TrackIngested track = PlaybackFixtures.storedTrack("Vite", PlaybackFixtures.audio(512), TrackStatus.AVAILABLE, List.of());
        published(track);
        String nomad = tokens().listenerWithoutCountry();
        ValidatableResponse refused = null;
        for (int i = 0; i < 200 && refused == null; i++) {
            ValidatableResponse answer = play(nomad, track.trackId(), null, null);
            int status = answer.extract().statusCode();
            if (status == 429) {
                refused = answer;
            } else {
                assertEquals(200, status);
            }
        }
        assertTrue(refused != null, "the limit (music.playback.plays-per-minute) was reached");
        refused.contentType("application/problem+json").header("Retry-After", notNullValue());
        assertTrue(Integer.parseInt(refused.extract().header("Retry-After")) >= 1);
        // Another listener is not held back.
        play(tokens().operator(), track.trackId(), null, null).statusCode(200);
    }

    private double applied() {
        return registry.counter("music.playback.revisions", "outcome", "applied").count();
    }

    private static ValidatableResponse play(String token, String trackId, String key, String body) {
        var request = given().auth().oauth2(token);
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        if (body != null) {
            request.contentType("application/json").body(body);
        }
        return request.post("/api/playback/tracks/" + trackId + "/play").then();
    }

    private static HttpResponse<byte[]> get(URI url, String range) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10));
        if (range != null) {
            request.header("Range", range);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static List<TrackPlayed> awaitPlays(Set<UUID> ids, int count) {
        List<TrackPlayed>[] found = new List[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> (found[0] = PlaybackFixtures.plays(ids)).size() >= count);
        return found[0];
    }
}
