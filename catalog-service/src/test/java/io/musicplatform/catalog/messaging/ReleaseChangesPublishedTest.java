package io.musicplatform.catalog.messaging;

import io.musicplatform.catalog.CatalogApiTest;
import io.musicplatform.catalog.CatalogChangesTopic;
import io.musicplatform.catalog.CatalogEvents;
import io.musicplatform.events.CatalogChanged;
import io.musicplatform.events.CatalogNotification;
import io.musicplatform.events.TrackIngested;
import io.musicplatform.events.TrackStatus;
import io.musicplatform.realservers.RealServersTestResource;
import io.musicplatform.servicetesting.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.musicplatform.catalog.SubscriptionCalls.follow;
import static io.musicplatform.catalog.SubscriptionCalls.knownArtist;
import static io.musicplatform.catalog.SubscriptionCalls.unfollowAll;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each notification made or updated goes out on catalog-changes, keyed by its listener, numbered in
 * the listener's sequence, valid against the event's schema and equal to what the API shows.
 */
@QuarkusTest
@WithTestResource(value = RealServersTestResource.class,
        initArgs = @ResourceArg(name = RealServersTestResource.SERVERS, value = "kafka,postgres,keycloak"))
class ReleaseChangesPublishedTest extends CatalogApiTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void everyNotificationChangeIsPublishedInTheListenersSequence() {
        String listener = tokens().listener();
        String listenerId = TestTokens.subject(listener);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String artistName = "Anne Sylvestre " + suffix;
        String artist = knownArtist(listener, artistName);
        follow(listener, "/artists/" + artist).statusCode(201);
        int before = CatalogChangesTopic.changesFor(listenerId).size();
        long sequenceBefore = CatalogChangesTopic.changesFor(listenerId).stream().mapToLong(CatalogChanged::sequence).max().orElse(0);

        // Two tracks of one album: one notification, made then updated, so two changes.
        String album = "Les Pierres " + suffix;
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        CatalogEvents.publish(CatalogEvents.revision(first, 1, TrackStatus.AVAILABLE, "Les Gens qui doutent", List.of(artistName), album, null, 1, 1));
        await().atMost(PATIENCE).until(() -> CatalogChangesTopic.changesFor(listenerId).size() == before + 1);
        TrackIngested secondTrack = CatalogEvents.revision(second, 1, TrackStatus.AVAILABLE, "Écrire pour ne pas mourir",
                List.of(artistName), album, null, 1, 2);
        CatalogEvents.publish(secondTrack);
        await().atMost(PATIENCE).until(() -> CatalogChangesTopic.changesFor(listenerId).size() == before + 2);

        List<CatalogChanged> mine = CatalogChangesTopic.changesFor(listenerId);
        CatalogChanged made = mine.get(before);
        CatalogChanged updated = mine.get(before + 1);
        assertThat(made.kind()).isEqualTo(CatalogChanged.Kind.NOTIFICATION);
        assertThat(made.userId()).isEqualTo(listenerId);
        // The listener's numbers grow by one per change, without a gap.
        assertThat(made.sequence()).isEqualTo(sequenceBefore + 1);
        assertThat(updated.sequence()).isEqualTo(sequenceBefore + 2);
        assertThat(updated.notification().id()).isEqualTo(made.notification().id());
        assertThat(made.notification().tracks()).extracting(CatalogNotification.TitledItem::title).containsExactly("Les Gens qui doutent");
        assertThat(updated.notification().tracks()).extracting(CatalogNotification.TitledItem::title)
                .containsExactly("Les Gens qui doutent", "Écrire pour ne pas mourir");
        assertThat(updated.notification().matched()).isEqualTo(new CatalogNotification.NotificationMatch("ARTIST", artist, artistName));
        assertThat(updated.notification().album().title()).isEqualTo(album);
        assertThat(updated.notification().kind()).isEqualTo("new-release");
        assertThat(updated.notification().read()).isFalse();
        assertThat(updated.notification().playlist()).isNull();

        // The event carries the notification as the API shows it.
        Map<String, Object> shown = given().auth().oauth2(listener).queryParam("limit", 100).get("/api/catalog/me/notifications")
                .then().statusCode(200).extract().<List<Map<String, Object>>>path("items").stream()
                .filter(n -> n.get("id").equals(updated.notification().id().toString())).findFirst().orElseThrow();
        assertThat(shown.get("tracks")).isEqualTo(List.of(Map.of("id", first, "title", "Les Gens qui doutent"),
                Map.of("id", second, "title", "Écrire pour ne pas mourir")));
        assertThat(java.time.Instant.parse((String) shown.get("updatedAt"))).isEqualTo(updated.notification().updatedAt());

        // A redelivered revision changes nothing, so publishes nothing.
        CatalogEvents.publish(secondTrack);
        String marker = UUID.randomUUID().toString();
        CatalogEvents.publish(CatalogEvents.revision(marker, 1, TrackStatus.AVAILABLE, "Marker", List.of(artistName), null, null));
        await().atMost(PATIENCE).until(() -> CatalogChangesTopic.changesFor(listenerId).size() == before + 3);
        CatalogChanged last = CatalogChangesTopic.changesFor(listenerId).get(before + 2);
        assertThat(last.notification().tracks()).extracting(t -> t.id().toString()).containsExactly(marker);
        assertThat(last.sequence()).isEqualTo(sequenceBefore + 3);
    }

    @Test
    void aReleaseToMoreListenersThanOneBatchPublishesEachOfTheirNotificationsOnce() {
        // Three listeners follow the genre; the tests publish two notifications per batch, so the second
        // batch of this release goes on after the listener where the first stopped.
        List<String> listeners = List.of(tokens().listener(), tokens().operator(), tokens().listenerWithoutCountry());
        String genre = "batch-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Integer> before = new java.util.HashMap<>();
        Map<String, Long> sequenceBefore = new java.util.HashMap<>();
        for (String token : listeners) {
            String id = TestTokens.subject(token);
            unfollowAll(token);
            follow(token, "/genres/" + genre).statusCode(201);
            List<CatalogChanged> changes = CatalogChangesTopic.changesFor(id);
            before.put(id, changes.size());
            sequenceBefore.put(id, changes.stream().mapToLong(CatalogChanged::sequence).max().orElse(0));
        }

        String track = UUID.randomUUID().toString();
        CatalogEvents.publish(CatalogEvents.revision(track, 1, TrackStatus.AVAILABLE, "Göttingen", List.of("Barbara"), null, genre));
        // A second release reaches the same three (on another partition, so applied before or after the
        // first): each listener gets one change per release, numbered one after the other.
        String marker = UUID.randomUUID().toString();
        CatalogEvents.publish(CatalogEvents.revision(marker, 1, TrackStatus.AVAILABLE, "Nantes", List.of("Barbara"), null, genre));

        for (String id : before.keySet()) {
            await().atMost(PATIENCE).until(() -> CatalogChangesTopic.changesFor(id).size() >= before.get(id) + 2);
            List<CatalogChanged> mine = CatalogChangesTopic.changesFor(id);
            List<CatalogChanged> latest = mine.subList(before.get(id), mine.size());
            assertThat(latest).extracting(change -> change.notification().tracks().getFirst().id().toString())
                    .as("the changes published for %s", id).containsExactlyInAnyOrder(track, marker);
            assertThat(latest).extracting(CatalogChanged::sequence)
                    .containsExactly(sequenceBefore.get(id) + 1, sequenceBefore.get(id) + 2);
        }
    }
}
