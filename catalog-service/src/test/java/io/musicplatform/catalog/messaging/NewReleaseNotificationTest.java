package io.musicplatform.catalog.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.musicplatform.catalog.CatalogApiTest;
import io.musicplatform.catalog.CatalogEvents;
import io.musicplatform.events.Topics;
import io.musicplatform.events.TrackIngested;
import io.musicplatform.events.TrackStatus;
import io.musicplatform.realservers.RealServersTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static io.musicplatform.catalog.SubscriptionCalls.follow;
import static io.musicplatform.catalog.SubscriptionCalls.knownArtist;
import static io.musicplatform.catalog.SubscriptionCalls.unfollowAll;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

/**
 * New-release notifications from track-ingested on the real Kafka and PostgreSQL: a first release
 * notifies each follower once, a redelivery, correction or takedown notifies nobody, an album's tracks
 * within the window share one notification whatever partition they came through, and a listener reads
 * only their own.
 */
@QuarkusTest
@WithTestResource(value = RealServersTestResource.class,
        initArgs = @ResourceArg(name = RealServersTestResource.SERVERS, value = "kafka,postgres,keycloak"))
class NewReleaseNotificationTest extends CatalogApiTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String NOTIFICATIONS = "/api/catalog/me/notifications";

    @Inject
    MeterRegistry registry;

    @Test
    void aFirstReleaseNotifiesEachFollowerOnceAndNothingElseDoes() {
        String listener = tokens().listener();
        String operator = tokens().operator();
        unfollowAll(listener);
        unfollowAll(operator);
        unfollowAll(tokens().listenerWithoutCountry());
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String artistName = "Barbara " + suffix;
        String genre = "chanson-" + suffix;
        String artist = knownArtist(listener, artistName);
        // The listener follows the artist and the genre, the operator the genre only, nomad nothing.
        follow(listener, "/artists/" + artist).statusCode(201);
        follow(listener, "/genres/" + genre.toUpperCase()).statusCode(201);
        follow(operator, "/genres/" + genre).statusCode(201);
        double createdBefore = created();

        String track = UUID.randomUUID().toString();
        TrackIngested first = CatalogEvents.revision(track, 1, TrackStatus.AVAILABLE, "L'Aigle noir", List.of(artistName), null, genre);
        CatalogEvents.publish(first);

        await().atMost(PATIENCE).until(() -> notificationsOf(listener, track).size() == 1 && notificationsOf(operator, track).size() == 1);
        Map<String, Object> mine = notificationsOf(listener, track).getFirst();
        assertThat(mine).containsEntry("kind", "new-release").containsEntry("read", false).containsEntry("album", null);
        assertThat(mine.get("matched")).isEqualTo(Map.of("kind", "ARTIST", "id", artist, "name", artistName));
        assertThat(mine.get("tracks")).isEqualTo(List.of(Map.of("id", track, "title", "L'Aigle noir")));
        assertThat(((Map<?, ?>) notificationsOf(operator, track).getFirst().get("matched")).get("kind")).isEqualTo("GENRE");
        assertThat(notificationsOf(tokens().listenerWithoutCountry(), track)).isEmpty();
        await().atMost(PATIENCE).until(() -> created() >= createdBefore + 2);

        // The same event again, a correction, a takedown and a restoration: nobody hears of the track again.
        CatalogEvents.publish(first,
                CatalogEvents.revision(track, 2, TrackStatus.AVAILABLE, "L'Aigle noir (remasterisé)", List.of(artistName), null, genre),
                CatalogEvents.revision(track, 3, TrackStatus.TAKEN_DOWN, "L'Aigle noir", List.of(artistName), null, genre),
                CatalogEvents.revision(track, 4, TrackStatus.AVAILABLE, "L'Aigle noir, de retour", List.of(artistName), null, genre));
        await().atMost(PATIENCE).until(() -> given().auth().oauth2(listener).get("/api/catalog/tracks/" + track).then()
                .extract().statusCode() == 200 && "L'Aigle noir, de retour".equals(given().auth().oauth2(listener)
                .get("/api/catalog/tracks/" + track).then().extract().path("title")));
        assertThat(notificationsOf(listener, track)).hasSize(1);
        assertThat(notificationsOf(operator, track)).hasSize(1);
        assertThat(created()).isEqualTo(createdBefore + 2);
        unfollowAll(listener);
        unfollowAll(operator);
    }

    @Test
    @SuppressWarnings("unchecked")
    void tracksOfOneAlbumWithinTheWindowShareOneNotificationWhateverTheirPartition() throws Exception {
        String listener = tokens().listener();
        String operator = tokens().operator();
        unfollowAll(listener);
        unfollowAll(operator);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String artistName = "Django " + suffix;
        String genre = "manouche-" + suffix;
        String artist = knownArtist(listener, artistName);
        follow(listener, "/artists/" + artist).statusCode(201);
        follow(operator, "/genres/" + genre).statusCode(201);
        String album = "Nuages " + suffix;

        // Tracks keyed to every partition of the topic, published at once by as many producers.
        List<String> tracks = onEveryPartition(2);
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        for (int i = 0; i < tracks.size(); i++) {
            TrackIngested event = CatalogEvents.revision(tracks.get(i), 1, TrackStatus.AVAILABLE, "Titre " + i, List.of(artistName),
                    album, genre, 1, i + 1);
            sent.add(CompletableFuture.runAsync(() -> CatalogEvents.publish(event)));
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get();

        for (String token : List.of(listener, operator)) {
            await().atMost(PATIENCE).until(() -> albumNotifications(token, album).stream()
                    .mapToInt(n -> ((List<?>) n.get("tracks")).size()).sum() == tracks.size());
            List<Map<String, Object>> found = albumNotifications(token, album);
            assertThat(found).hasSize(1);
            assertThat(((List<Map<String, Object>>) found.getFirst().get("tracks")).stream().map(t -> t.get("id")))
                    .containsExactlyInAnyOrderElementsOf(tracks);
        }

        // A track of the album after the window (PT10M by default) is news of its own.
        String late = UUID.randomUUID().toString();
        TrackIngested base = CatalogEvents.revision(late, 1, TrackStatus.AVAILABLE, "Bonus", List.of(artistName), album, genre, 2, 1);
        CatalogEvents.publish(at(base, Instant.now().plus(Duration.ofMinutes(11))));
        await().atMost(PATIENCE).until(() -> albumNotifications(listener, album).size() == 2);
        Map<String, Object> newest = albumNotifications(listener, album).getFirst();
        assertThat(newest.get("tracks")).isEqualTo(List.of(Map.of("id", late, "title", "Bonus")));
        assertThat(newest.get("album")).isEqualTo(Map.of("id", albumId(listener, tracks.getFirst()), "title", album));
        unfollowAll(listener);
        unfollowAll(operator);
    }

    @Test
    void readingMarksUpToANotificationOfOnesOwn() {
        String listener = tokens().listener();
        unfollowAll(listener);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String genre = "lecture-" + suffix;
        follow(listener, "/genres/" + genre).statusCode(201);
        String older = UUID.randomUUID().toString();
        String newer = UUID.randomUUID().toString();
        CatalogEvents.publish(CatalogEvents.revision(older, 1, TrackStatus.AVAILABLE, "Un", List.of("Lu " + suffix), null, genre));
        await().atMost(PATIENCE).until(() -> notificationsOf(listener, older).size() == 1);
        CatalogEvents.publish(CatalogEvents.revision(newer, 1, TrackStatus.AVAILABLE, "Deux", List.of("Lu " + suffix), null, genre));
        await().atMost(PATIENCE).until(() -> notificationsOf(listener, newer).size() == 1);
        String olderId = (String) notificationsOf(listener, older).getFirst().get("id");
        String newerId = (String) notificationsOf(listener, newer).getFirst().get("id");

        // Newest first.
        List<String> ids = all(listener).stream().map(n -> (String) n.get("id")).toList();
        assertThat(ids.indexOf(newerId)).isLessThan(ids.indexOf(olderId));

        int unread = unreadCount(listener);
        markRead(listener, olderId).statusCode(204);
        assertThat(notificationsOf(listener, older).getFirst().get("read")).isEqualTo(true);
        assertThat(notificationsOf(listener, newer).getFirst().get("read")).isEqualTo(false);
        assertThat(unreadCount(listener)).isLessThan(unread);
        markRead(listener, newerId).statusCode(204);
        assertThat(notificationsOf(listener, newer).getFirst().get("read")).isEqualTo(true);
        assertThat(unreadCount(listener)).isZero();

        // Another listener's notification is not there for them; bad bodies are refused.
        markRead(tokens().operator(), newerId).statusCode(404).contentType("application/problem+json");
        markRead(tokens().operator(), UUID.randomUUID().toString()).statusCode(404);
        assertThat(notificationsOf(tokens().operator(), newer)).isEmpty();
        given().auth().oauth2(listener).contentType("application/json").body("{\"upTo\": \"nope\"}").post(NOTIFICATIONS + "/read")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", is("upTo"));
        given().auth().oauth2(listener).contentType("application/json").body("{}").post(NOTIFICATIONS + "/read")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(listener).queryParam("cursor", "nope").get(NOTIFICATIONS).then().statusCode(400);
        given().get(NOTIFICATIONS).then().statusCode(401);
        given().contentType("application/json").body("{\"upTo\": \"" + newerId + "\"}").post(NOTIFICATIONS + "/read")
                .then().statusCode(401);
        unfollowAll(listener);
    }

    private io.restassured.response.ValidatableResponse markRead(String token, String upTo) {
        return given().auth().oauth2(token).contentType("application/json").body("{\"upTo\": \"" + upTo + "\"}")
                .post(NOTIFICATIONS + "/read").then();
    }

    private int unreadCount(String token) {
        return given().auth().oauth2(token).queryParam("limit", 1).get(NOTIFICATIONS).then().statusCode(200)
                .extract().path("unreadCount");
    }

    /** Every notification of the listener, newest first, page by page. */
    private static List<Map<String, Object>> all(String token) {
        List<Map<String, Object>> all = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().auth().oauth2(token).queryParam("limit", 100);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get(NOTIFICATIONS).then().statusCode(200).extract().jsonPath();
            all.addAll(page.getList("items"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return all;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> notificationsOf(String token, String track) {
        return all(token).stream().filter(n -> ((List<Map<String, Object>>) n.get("tracks")).stream()
                .anyMatch(t -> track.equals(t.get("id")))).toList();
    }

    private static List<Map<String, Object>> albumNotifications(String token, String album) {
        return all(token).stream().filter(n -> n.get("album") instanceof Map<?, ?> a && album.equals(a.get("title"))).toList();
    }

    private static String albumId(String token, String track) {
        return given().auth().oauth2(token).get("/api/catalog/tracks/" + track).then().statusCode(200).extract().path("album.id");
    }

    /** Track ids whose keys go to each partition of track-ingested in turn, as Kafka's default partitioner places them. */
    private static List<String> onEveryPartition(int perPartition) {
        int partitions = Topics.spec(Topics.TRACK_INGESTED).partitions();
        List<List<String>> byPartition = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            byPartition.add(new ArrayList<>());
        }
        while (byPartition.stream().anyMatch(ids -> ids.size() < perPartition)) {
            String id = UUID.randomUUID().toString();
            List<String> ids = byPartition.get(Utils.toPositive(Utils.murmur2(id.getBytes(StandardCharsets.UTF_8))) % partitions);
            if (ids.size() < perPartition) {
                ids.add(id);
            }
        }
        List<String> interleaved = new ArrayList<>();
        for (int i = 0; i < perPartition; i++) {
            for (List<String> ids : byPartition) {
                interleaved.add(ids.get(i));
            }
        }
        return interleaved;
    }

    private static TrackIngested at(TrackIngested e, Instant occurredAt) {
        return new TrackIngested(e.eventId(), occurredAt, e.trackId(), e.revision(), e.status(), e.title(), e.artists(), e.album(),
                e.albumArtist(), e.genre(), e.year(), e.trackNumber(), e.discNumber(), e.durationMs(), e.media(), e.territories());
    }

    private double created() {
        return registry.counter("music.catalog.notifications.created").count();
    }
}
