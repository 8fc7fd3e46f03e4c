package io.musicplatform.catalog.rest;

import io.agroal.api.AgroalDataSource;
import io.musicplatform.catalog.CatalogApiTest;
import io.musicplatform.catalog.CatalogEvents;
import io.musicplatform.events.Topics;
import io.musicplatform.events.TrackStatus;
import io.musicplatform.realservers.RealServersTestResource;
import io.musicplatform.servicetesting.TestEvents;
import io.musicplatform.servicetesting.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static io.musicplatform.catalog.SubscriptionCalls.follow;
import static io.musicplatform.catalog.SubscriptionCalls.knownArtist;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;

/**
 * The live stream with real tokens, on the real Kafka and PostgreSQL: changes made through the API
 * arrive as they happen, a reconnect with Last-Event-ID misses nothing and repeats nothing, changes
 * the stream cannot give one by one make the client read the playlist again, a playlist made private
 * stops reaching those who may no longer see it; heartbeats, the per-listener cap, the release of a
 * closed stream, and every refusal as problem+json.
 */
@QuarkusTest
@WithTestResource(value = RealServersTestResource.class,
        initArgs = @ResourceArg(name = RealServersTestResource.SERVERS, value = "kafka,postgres,keycloak"))
class StreamResourceTest extends CatalogApiTest {

    /** Generous on a busy two-core machine; every wait ends as soon as what it waits for comes. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Inject
    AgroalDataSource database;

    @TestHTTPResource(value = "metrics", management = true)
    URL metrics;

    @TestHTTPResource(value = "openapi", management = true)
    URL openApi;

    @BeforeAll
    static void catalogChangesExists() {
        // The service creates it at start; the tests that publish to it must not race that.
        TestEvents.createTopics(Topics.CATALOG_CHANGES);
    }

    @Test
    void opensAtTheCurrentPositionsThenSendsEachChangeAsItHappens() throws Exception {
        String listener = tokens().listener();
        String listenerId = TestTokens.subject(listener);
        List<String> tracks = PlaylistCalls.playableTracks(listener, 2);
        String playlist = PlaylistCalls.create(listener, "En direct", "PRIVATE");
        long sequence = StreamCalls.sequence(database, listenerId);

        try (SseClient stream = StreamCalls.open(listener, List.of(playlist))) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.header("Content-Type")).startsWith("text/event-stream");
            SseClient.Event ready = stream.nextEvent(PATIENCE);
            assertThat(ready.name()).isEqualTo("ready");
            assertThat(ready.id()).isEqualTo(sequence + ".1");
            assertThat(ready.json().getLong("unreadCount")).isEqualTo(StreamCalls.unreadCount(listener));
            assertThat(ready.json().getList("playlists", Map.class)).containsExactly(Map.of("id", playlist, "version", 1));

            PlaylistCalls.add(listener, playlist, 1, tracks, null).statusCode(200);
            SseClient.Event added = stream.nextEvent(PATIENCE);
            assertThat(added.name()).isEqualTo("playlist");
            assertThat(added.id()).isEqualTo(sequence + ".2");
            JsonPath change = added.json();
            assertThat(change.getString("playlistId")).isEqualTo(playlist);
            assertThat(change.getLong("version")).isEqualTo(2);
            assertThat(change.getString("change")).isEqualTo("add");
            assertThat(change.getString("byUserId")).isEqualTo(listenerId);
            assertThat(change.getString("byName")).isEqualTo("listener");
            assertThat(change.getList("trackIds")).isEqualTo(tracks);
            assertThat(change.getList("entryIds")).hasSize(2);
            assertThat(change.getInt("index")).isZero();

            PlaylistCalls.rename(listener, playlist, 2, "En direct, encore").statusCode(200);
            SseClient.Event renamed = stream.nextEvent(PATIENCE);
            assertThat(renamed.id()).isEqualTo(sequence + ".3");
            assertThat(renamed.json().getString("change")).isEqualTo("update");
            assertThat(renamed.json().getString("name")).isEqualTo("En direct, encore");

            // Its last change: nothing of it follows, and a stream that names it again is refused.
            given().auth().oauth2(listener).header("If-Match", "\"3\"").delete("/api/catalog/playlists/" + playlist).then().statusCode(204);
            SseClient.Event deleted = stream.nextEvent(PATIENCE);
            assertThat(deleted.id()).isEqualTo(sequence + ".4");
            assertThat(deleted.json().getString("change")).isEqualTo("delete");
            assertThat(stream.eventsUntilHeartbeats(2, PATIENCE)).isEmpty();
        }
        try (SseClient again = StreamCalls.resume(listener, List.of(playlist), sequence + ".4")) {
            assertThat(again.status()).isEqualTo(404);
        }
    }

    @Test
    void aNewReleaseOfAFollowedArtistArrivesAsANotification() throws Exception {
        String listener = tokens().listener();
        String listenerId = TestTokens.subject(listener);
        String artistName = "Juliette Gréco " + UUID.randomUUID().toString().substring(0, 8);
        String artist = knownArtist(listener, artistName);
        follow(listener, "/artists/" + artist).statusCode(201);
        long sequence = StreamCalls.sequence(database, listenerId);

        try (SseClient stream = StreamCalls.open(listener, List.of())) {
            assertThat(stream.nextEvent(PATIENCE).id()).isEqualTo(Long.toString(sequence));
            String track = UUID.randomUUID().toString();
            CatalogEvents.publish(CatalogEvents.revision(track, 1, TrackStatus.AVAILABLE, "Déshabillez-moi", List.of(artistName), null, "chanson"));

            SseClient.Event notified = stream.nextEvent(PATIENCE);
            assertThat(notified.name()).isEqualTo("notification");
            assertThat(notified.id()).isEqualTo(Long.toString(sequence + 1));
            JsonPath notification = notified.json();
            assertThat(notification.getLong("sequence")).isEqualTo(sequence + 1);
            assertThat(notification.getString("kind")).isEqualTo("new-release");
            assertThat(notification.getBoolean("read")).isFalse();
            assertThat(notification.getString("matched.kind")).isEqualTo("ARTIST");
            assertThat(notification.getString("matched.id")).isEqualTo(artist);
            assertThat(notification.getList("tracks.id")).containsExactly(track);
            // The very notification the API lists, field for field.
            Map<String, Object> listed = given().auth().oauth2(listener).get("/api/catalog/me/notifications").then().statusCode(200)
                    .extract().<List<Map<String, Object>>>path("items").stream()
                    .filter(n -> n.get("id").equals(notification.getString("id"))).findFirst().orElseThrow();
            Map<String, Object> sent = new java.util.HashMap<>(notification.getMap(""));
            assertThat(sent.remove("sequence")).isNotNull();
            assertThat(sent).isEqualTo(listed);
        }
    }

    @Test
    void aReconnectWithTheLastEventIdGetsExactlyWhatItMissed() throws Exception {
        String listener = tokens().listener();
        String listenerId = TestTokens.subject(listener);
        List<String> tracks = PlaylistCalls.playableTracks(listener, 2);
        String artistName = "Boby Lapointe " + UUID.randomUUID().toString().substring(0, 8);
        follow(listener, "/artists/" + knownArtist(listener, artistName)).statusCode(201);
        String first = PlaylistCalls.create(listener, "Reprise 1", "PRIVATE");
        String second = PlaylistCalls.create(listener, "Reprise 2", "PRIVATE");
        long sequence = StreamCalls.sequence(database, listenerId);
        List<String> watched = List.of(first, second);

        String lastRead;
        try (SseClient stream = StreamCalls.open(listener, watched)) {
            lastRead = stream.nextEvent(PATIENCE).id();
            assertThat(lastRead).isEqualTo(sequence + ".1.1");
        }
        // While the client is away: two changes to the second playlist, one to the first, one new release.
        PlaylistCalls.add(listener, second, 1, tracks, null).statusCode(200);
        PlaylistCalls.add(listener, first, 1, List.of(tracks.getFirst()), null).statusCode(200);
        PlaylistCalls.rename(listener, second, 2, "Reprise 2 bis").statusCode(200);
        String track = UUID.randomUUID().toString();
        CatalogEvents.publish(CatalogEvents.revision(track, 1, TrackStatus.AVAILABLE, "Ta Katie t'a quitté", List.of(artistName), null, null));
        await().atMost(PATIENCE).until(() -> StreamCalls.sequence(database, listenerId) == sequence + 1);

        try (SseClient stream = StreamCalls.resume(listener, watched, lastRead)) {
            assertThat(stream.status()).isEqualTo(200);
            // No ready event on a resume: the missed changes, notifications first, then each playlist in order.
            List<SseClient.Event> missed = List.of(stream.nextEvent(PATIENCE), stream.nextEvent(PATIENCE),
                    stream.nextEvent(PATIENCE), stream.nextEvent(PATIENCE));
            assertThat(missed).extracting(SseClient.Event::name).containsExactly("notification", "playlist", "playlist", "playlist");
            assertThat(missed).extracting(SseClient.Event::id).containsExactly(
                    (sequence + 1) + ".1.1", (sequence + 1) + ".2.1", (sequence + 1) + ".2.2", (sequence + 1) + ".2.3");
            assertThat(missed.get(0).json().getList("tracks.id")).containsExactly(track);
            assertThat(missed.get(1).json().getString("playlistId")).isEqualTo(first);
            assertThat(missed.get(2).json().getString("playlistId")).isEqualTo(second);
            assertThat(missed.get(3).json().getString("change")).isEqualTo("update");
            // Nothing repeated while the stream idles...
            assertThat(stream.eventsUntilHeartbeats(2, PATIENCE)).isEmpty();
            // ...and live again from there.
            PlaylistCalls.rename(listener, first, 2, "Reprise 1 bis").statusCode(200);
            assertThat(stream.nextEvent(PATIENCE).id()).isEqualTo((sequence + 1) + ".3.3");
        }
    }

    @Test
    void aResumeFromChangesNoLongerKeptMakesTheClientReadThePlaylistAgain() throws Exception {
        String listener = tokens().listener();
        long sequence = StreamCalls.sequence(database, TestTokens.subject(listener));
        List<String> tracks = PlaylistCalls.playableTracks(listener, 3);
        String playlist = PlaylistCalls.create(listener, "Ancienne", "PRIVATE");
        for (int i = 0; i < 3; i++) {
            PlaylistCalls.add(listener, playlist, 1 + i, List.of(tracks.get(i)), null).statusCode(200);
        }
        // The retention's clean-up took versions 2 and 3 away; 4 is kept.
        assertThat(StreamCalls.execute(database, "DELETE FROM catalog.playlist_change WHERE playlist_id = ? AND version <= 3",
                UUID.fromString(playlist))).isEqualTo(2);

        try (SseClient stream = StreamCalls.resume(listener, List.of(playlist), sequence + ".1")) {
            SseClient.Event resync = stream.nextEvent(PATIENCE);
            assertThat(resync.name()).isEqualTo("resync");
            assertThat(resync.id()).isEqualTo(sequence + ".3");
            assertThat(resync.json().getString("playlistId")).isEqualTo(playlist);
            assertThat(resync.json().getLong("version")).isEqualTo(3);
            assertThat(resync.json().getString("reason")).isEqualTo("changes-not-kept");
            SseClient.Event kept = stream.nextEvent(PATIENCE);
            assertThat(kept.id()).isEqualTo(sequence + ".4");
            assertThat(kept.json().getList("trackIds")).containsExactly(tracks.get(2));
        }
        // All of them gone: straight to the current version.
        StreamCalls.execute(database, "DELETE FROM catalog.playlist_change WHERE playlist_id = ?", UUID.fromString(playlist));
        try (SseClient stream = StreamCalls.resume(listener, List.of(playlist), sequence + ".2")) {
            SseClient.Event resync = stream.nextEvent(PATIENCE);
            assertThat(resync.name()).isEqualTo("resync");
            assertThat(resync.id()).isEqualTo(sequence + ".4");
            assertThat(stream.eventsUntilHeartbeats(2, PATIENCE)).isEmpty();
        }
    }

    @Test
    void changesTheStreamDidNotSeeLiveAreReadFromTheDatabaseInOrder() throws Exception {
        String listener = tokens().listener();
        String listenerId = TestTokens.subject(listener);
        List<String> tracks = PlaylistCalls.playableTracks(listener, 2);
        String artistName = "Brigitte Fontaine " + UUID.randomUUID().toString().substring(0, 8);
        follow(listener, "/artists/" + knownArtist(listener, artistName)).statusCode(201);
        String playlist = PlaylistCalls.create(listener, "Trous", "PRIVATE");

        try (SseClient stream = StreamCalls.open(listener, List.of(playlist))) {
            long sequence = Long.parseLong(stream.nextEvent(PATIENCE).id().split("\\.")[0]);
            // Committed changes whose events this replica never reads: as if published before it joined the topic.
            long missedNotification = StreamCalls.notificationWithoutEvent(database, listenerId, "Titre sans événement");
            assertThat(missedNotification).isEqualTo(sequence + 1);
            UUID entry = UUID.randomUUID();
            StreamCalls.execute(database, "UPDATE catalog.playlist SET version = 2 WHERE id = ?", UUID.fromString(playlist));
            StreamCalls.execute(database, "INSERT INTO catalog.playlist_change (playlist_id, version, change, by_user_id, by_name,"
                    + " entry_ids, track_ids, entry_index, changed_at) VALUES (?, 2, 'add', ?, 'listener', ARRAY[?]::uuid[],"
                    + " ARRAY[?]::uuid[], 0, now())", UUID.fromString(playlist), listenerId, entry, UUID.fromString(tracks.get(0)));

            // The next changes come live, one number past: the stream reads the missed ones first.
            PlaylistCalls.add(listener, playlist, 2, List.of(tracks.get(1)), null).statusCode(200);
            List<SseClient.Event> playlistEvents = List.of(stream.nextEvent(PATIENCE), stream.nextEvent(PATIENCE));
            assertThat(playlistEvents).extracting(SseClient.Event::id).containsExactly(sequence + ".2", sequence + ".3");
            assertThat(playlistEvents.get(0).json().getList("entryIds")).containsExactly(entry.toString());
            assertThat(playlistEvents.get(1).json().getList("trackIds")).containsExactly(tracks.get(1));

            CatalogEvents.publish(CatalogEvents.revision(UUID.randomUUID().toString(), 1, TrackStatus.AVAILABLE, "Comme à la radio",
                    List.of(artistName), null, null));
            List<SseClient.Event> notifications = List.of(stream.nextEvent(PATIENCE), stream.nextEvent(PATIENCE));
            assertThat(notifications).extracting(SseClient.Event::id).containsExactly((sequence + 1) + ".3", (sequence + 2) + ".3");
            assertThat(notifications.get(0).json().getList("tracks.title")).containsExactly("Titre sans événement");
            assertThat(notifications.get(1).json().getList("tracks.title")).containsExactly("Comme à la radio");
            assertThat(stream.eventsUntilHeartbeats(2, PATIENCE)).isEmpty();
        }
    }

    @Test
    void aPlaylistMadePrivateNoLongerReachesAListenerWhoMayNotSeeIt() {
        String owner = tokens().operator();
        String viewer = tokens().listener();
        List<String> tracks = PlaylistCalls.playableTracks(owner, 2);
        String playlist = PlaylistCalls.create(owner, "Pour tous, un temps", "PUBLIC");

        try (SseClient stream = StreamCalls.open(viewer, List.of(playlist))) {
            String sequence = stream.nextEvent(PATIENCE).id().split("\\.")[0];
            PlaylistCalls.add(owner, playlist, 1, List.of(tracks.get(0)), null).statusCode(200);
            assertThat(stream.nextEvent(PATIENCE).id()).isEqualTo(sequence + ".2");

            given().auth().oauth2(owner).contentType("application/json").header("If-Match", "\"2\"")
                    .body("{\"visibility\": \"PRIVATE\", \"name\": \"Rien que pour moi\"}")
                    .patch("/api/catalog/playlists/" + playlist).then().statusCode(200);
            SseClient.Event hidden = stream.nextEvent(PATIENCE);
            // Not the update itself: its new name is no longer the viewer's to see.
            assertThat(hidden.name()).isEqualTo("resync");
            assertThat(hidden.id()).isEqualTo(sequence + ".3");
            assertThat(hidden.json().getString("reason")).isEqualTo("not-visible");
            assertThat(hidden.data()).doesNotContain("Rien que pour moi");

            PlaylistCalls.add(owner, playlist, 3, List.of(tracks.get(1)), null).statusCode(200);
            assertThat(stream.eventsUntilHeartbeats(2, PATIENCE)).isEmpty();
        }
        try (SseClient again = StreamCalls.open(viewer, List.of(playlist))) {
            assertThat(again.status()).isEqualTo(404);
        }
    }

    @Test
    void anIdleStreamGetsHeartbeats() {
        try (SseClient stream = StreamCalls.open(tokens().listener(), List.of())) {
            assertThat(stream.nextEvent(PATIENCE).name()).isEqualTo("ready");
            SseClient.Event heartbeat = stream.next(PATIENCE);
            assertThat(heartbeat.isHeartbeat()).as("%s", heartbeat).isTrue();
            assertThat(stream.next(PATIENCE).isHeartbeat()).isTrue();
        }
    }

    @Test
    void aStreamLeavesTheRegistryWhenItsClientGoes() {
        double closedBefore = StreamCalls.metric(metrics, "music_catalog_stream_closed_total", "reason=\"client\"");
        // Whatever earlier tests opened has gone by now.
        await().atMost(PATIENCE).until(() -> StreamCalls.metric(metrics, "music_catalog_stream_open", "") == 0);
        SseClient stream = StreamCalls.open(tokens().listener(), List.of());
        assertThat(stream.nextEvent(PATIENCE).name()).isEqualTo("ready");
        assertThat(StreamCalls.metric(metrics, "music_catalog_stream_open", "")).isEqualTo(1);

        stream.close();
        await().atMost(PATIENCE).until(() -> StreamCalls.metric(metrics, "music_catalog_stream_open", "") == 0);
        assertThat(StreamCalls.metric(metrics, "music_catalog_stream_closed_total", "reason=\"client\"")).isEqualTo(closedBefore + 1);
        assertThat(StreamCalls.metric(metrics, "music_catalog_stream_events_total", "type=\"ready\"")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aListenerOverTheLimitOfOpenStreamsIsRefusedWith429UntilOneCloses() {
        // nomad: no other test streams as them, so their count here is this test's alone.
        String nomad = tokens().listenerWithoutCountry();
        List<SseClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                SseClient stream = StreamCalls.open(nomad, List.of());
                open.add(stream);
                assertThat(stream.status()).as("stream %d", i + 1).isEqualTo(200);
                assertThat(stream.nextEvent(PATIENCE).name()).isEqualTo("ready");
            }
            try (SseClient refused = StreamCalls.open(nomad, List.of())) {
                assertThat(refused.status()).isEqualTo(429);
                assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
                assertThat(refused.header("Retry-After")).isEqualTo("1");
                assertThat(refused.problem().getString("title")).isEqualTo("Too many open streams");
                assertThat(refused.problem().getString("detail")).contains("5 live streams");
            }
            // Another listener is not held back by nomad's streams.
            try (SseClient other = StreamCalls.open(tokens().listener(), List.of())) {
                assertThat(other.status()).isEqualTo(200);
            }
            open.removeFirst().close();
            await().atMost(PATIENCE).until(() -> {
                SseClient stream = StreamCalls.open(nomad, List.of());
                if (stream.status() == 200) {
                    open.add(stream);
                    return true;
                }
                stream.close();
                return false;
            });
        } finally {
            open.forEach(SseClient::close);
        }
    }

    @Test
    void aPrivatePlaylistOfSomeoneElseIsNotFound() {
        String hidden = PlaylistCalls.create(tokens().operator(), "Secret", "PRIVATE");
        String mine = PlaylistCalls.create(tokens().listener(), "À moi", "PRIVATE");
        try (SseClient stream = StreamCalls.open(tokens().listener(), List.of(mine, hidden))) {
            assertThat(stream.status()).isEqualTo(404);
            assertThat(stream.header("Content-Type")).startsWith("application/problem+json");
            assertThat(stream.problem().getString("detail")).contains(hidden);
        }
        try (SseClient stream = StreamCalls.open(tokens().listener(), List.of(UUID.randomUUID().toString()))) {
            assertThat(stream.status()).isEqualTo(404);
        }
    }

    @Test
    void aLastEventIdThatIsNotAPositionOfTheStreamIsRefused() {
        String listener = tokens().listener();
        String playlist = PlaylistCalls.create(listener, "Positions", "PRIVATE");
        for (String bad : List.of("abc", "1", "1.2.3", "1.", ".1", "-1.1", "1.x", "1 .1", "99999999999999999999.1", "1.9999")) {
            try (SseClient stream = StreamCalls.resume(listener, List.of(playlist), bad)) {
                assertThat(stream.status()).as(bad).isEqualTo(400);
                assertThat(stream.header("Content-Type")).startsWith("application/problem+json");
                assertThat(stream.problem().getString("title")).isEqualTo("Invalid request");
                assertThat(stream.problem().getList("errors.field")).containsExactly("Last-Event-ID");
            }
        }
        try (SseClient stream = StreamCalls.resume(listener, List.of(playlist), "1.2.3")) {
            assertThat(stream.problem().getString("detail")).contains("2 numbers joined by dots").contains("17.3");
        }
        try (SseClient stream = StreamCalls.resume(listener, List.of(playlist), "0.9999")) {
            assertThat(stream.problem().getString("detail")).contains("ahead of this stream");
        }
    }

    @Test
    void playlistsThatAreNotIdsOrTooManyAreRefused() {
        String listener = tokens().listener();
        String mine = PlaylistCalls.create(listener, "Une", "PRIVATE");
        List<List<String>> bad = List.of(List.of("not-a-uuid"), List.of("1-2-3-4-5"), List.of(mine, mine),
                IntStream.range(0, 21).mapToObj(i -> UUID.randomUUID().toString()).toList());
        for (List<String> playlists : bad) {
            try (SseClient stream = StreamCalls.open(listener, playlists)) {
                assertThat(stream.status()).as("%s", playlists).isEqualTo(400);
                assertThat(stream.header("Content-Type")).startsWith("application/problem+json");
                assertThat(stream.problem().getList("errors.field")).containsExactly("playlist");
            }
        }
    }

    @Test
    void refusesAMissingExpiredOrForgedToken() {
        for (String token : new String[] {null, tokens().expired(), tokens().foreignKey(), "not-a-token"}) {
            try (SseClient stream = StreamCalls.open(token, List.of())) {
                assertThat(stream.status()).isEqualTo(401);
                assertThat(stream.header("Content-Type")).startsWith("application/problem+json");
                assertThat(stream.header("WWW-Authenticate")).startsWith("Bearer");
                assertThat(stream.problem().getString("title")).isEqualTo("Authentication required");
            }
        }
    }

    @Test
    void aRecordThatIsNoChangeIsSkippedAndTheStreamGoesOn() {
        String listener = tokens().listener();
        String playlist = PlaylistCalls.create(listener, "Robuste", "PRIVATE");
        double skippedBefore = StreamCalls.metric(metrics, "music_catalog_stream_unreadable_records_total", "catalog-changes");
        try (SseClient stream = StreamCalls.open(listener, List.of(playlist))) {
            String sequence = stream.nextEvent(PATIENCE).id().split("\\.")[0];
            TestEvents.publishRaw(Topics.CATALOG_CHANGES, playlist, "{\"kind\": \"PLAYLIST_CHANGED\"}".getBytes(StandardCharsets.UTF_8));
            await().atMost(PATIENCE).until(() -> StreamCalls.metric(metrics, "music_catalog_stream_unreadable_records_total",
                    "catalog-changes") == skippedBefore + 1);
            PlaylistCalls.rename(listener, playlist, 1, "Robuste encore").statusCode(200);
            assertThat(stream.nextEvent(PATIENCE).id()).isEqualTo(sequence + ".2");
        }
    }

    @Test
    void theOpenApiDocumentDescribesTheStream() {
        given().queryParam("format", "json").get(openApi).then().statusCode(200)
                .body("paths.'/api/catalog/me/stream'.get.operationId", is("streamMyChanges"))
                .body("paths.'/api/catalog/me/stream'.get.parameters.name", hasItems("playlist", "Last-Event-ID"))
                .body("paths.'/api/catalog/me/stream'.get.responses.keySet()", hasItems("200", "400", "401", "403", "404", "429"))
                .body("paths.'/api/catalog/me/stream'.get.responses.'200'.content.keySet()", hasItem("text/event-stream"))
                .body("paths.'/api/catalog/me/stream'.get.description", org.hamcrest.Matchers.containsString("Last-Event-ID"));
    }
}
