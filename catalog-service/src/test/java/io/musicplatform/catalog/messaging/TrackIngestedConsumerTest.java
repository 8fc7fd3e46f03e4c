package io.musicplatform.catalog.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.musicplatform.catalog.CatalogApiTest;
import io.musicplatform.catalog.CatalogEvents;
import io.musicplatform.events.ArtistId;
import io.musicplatform.events.Topics;
import io.musicplatform.events.TrackIngested;
import io.musicplatform.events.TrackStatus;
import io.musicplatform.realservers.RealServersTestResource;
import io.musicplatform.servicecore.kafka.DeadLetterQueue;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

/**
 * The projection of track-ingested on the real Kafka and PostgreSQL: a revision becomes a track, the
 * highest revision wins, one name is one artist, a takedown hides the track, bad bytes go to the
 * dead-letter topic and the partition moves on.
 */
@QuarkusTest
@WithTestResource(value = RealServersTestResource.class,
        initArgs = @ResourceArg(name = RealServersTestResource.SERVERS, value = "kafka,postgres,keycloak"))
class TrackIngestedConsumerTest extends CatalogApiTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Inject
    MeterRegistry registry;

    @Inject
    DeadLetterQueue deadLetters;

    @Test
    void aRevisionBecomesATrackWithItsArtistsAndAlbum() {
        String id = UUID.randomUUID().toString();
        CatalogEvents.publish(CatalogEvents.revision(id, 1, TrackStatus.AVAILABLE, "Tout le bonheur du monde",
                List.of("Sinsemilia", "Mylène Farmer"), "Debout les yeux ouverts", "chanson"));

        awaitTrack(id).body("title", is("Tout le bonheur du monde"))
                .body("artists.name", contains("Sinsemilia", "Mylène Farmer"))
                .body("artists[0].id", is(ArtistId.of("Sinsemilia")))
                .body("album.title", is("Debout les yeux ouverts"))
                .body("album.artistId", is(ArtistId.of("Sinsemilia")))
                .body("genre", is("chanson"))
                .body("durationMs", is(214_000))
                .body("discNumber", is(1))
                .body("trackNumber", is(7))
                .body("rating.count", is(0));
    }

    @Test
    void theHighestRevisionWinsAndAnOlderOrRepeatedOneChangesNothing() {
        String id = UUID.randomUUID().toString();
        double staleBefore = stale();
        CatalogEvents.publish(
                CatalogEvents.revision(id, 2, TrackStatus.AVAILABLE, "Second", List.of("Zaz"), null, "pop"),
                CatalogEvents.revision(id, 1, TrackStatus.AVAILABLE, "First", List.of("Zaz"), null, "pop"),
                CatalogEvents.revision(id, 2, TrackStatus.AVAILABLE, "Second, again", List.of("Zaz"), null, "pop"));

        await().atMost(PATIENCE).until(() -> stale() >= staleBefore + 2);
        awaitTrack(id).body("title", is("Second"));

        CatalogEvents.publish(CatalogEvents.revision(id, 3, TrackStatus.AVAILABLE, "Third", List.of("Zaz"), null, "pop"));
        await().atMost(PATIENCE).untilAsserted(() -> awaitTrack(id).body("title", is("Third")));
    }

    @Test
    void oneNameWrittenTwoWaysIsOneArtist() {
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        CatalogEvents.publish(
                CatalogEvents.revision(first, 1, TrackStatus.AVAILABLE, "Crazy in Love", List.of("Beyoncé"), "Dangerously in Love", "r&b"),
                CatalogEvents.revision(second, 1, TrackStatus.AVAILABLE, "Halo", List.of("BEYONCE "), "I Am... Sasha Fierce", "r&b"));

        String artist = awaitTrack(first).extract().path("artists[0].id");
        awaitTrack(second).body("artists[0].id", is(artist))
                // The artist keeps the spelling it was first seen with.
                .body("artists[0].name", is("Beyoncé"));
    }

    @Test
    void aTakedownHidesTheTrack() {
        String id = UUID.randomUUID().toString();
        CatalogEvents.publish(CatalogEvents.revision(id, 1, TrackStatus.AVAILABLE, "Bientôt retirée", List.of("Noir Désir"), null, "rock"));
        awaitTrack(id);

        CatalogEvents.publish(CatalogEvents.revision(id, 2, TrackStatus.TAKEN_DOWN, "Bientôt retirée", List.of("Noir Désir"), null, "rock"));

        await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(tokens().listener())
                .get("/api/catalog/tracks/" + id).then()
                .statusCode(410).contentType("application/problem+json")
                .body("title", is("Track taken down")));
    }

    @Test
    void anUnreadableRecordGoesToTheDeadLetterTopicAndThePartitionMovesOn() {
        String id = UUID.randomUUID().toString();
        double deadBefore = deadLetters.count(Topics.TRACK_INGESTED);

        CatalogEvents.publishRaw(id, "{\"title\": \"no id, no revision\"}".getBytes(StandardCharsets.UTF_8));
        TrackIngested after = CatalogEvents.revision(id, 1, TrackStatus.AVAILABLE, "Après la lettre morte",
                List.of("Françoise Hardy"), null, "chanson");
        CatalogEvents.publish(after);

        awaitTrack(id).body("title", is("Après la lettre morte"));
        assertThat(deadLetters.count(Topics.TRACK_INGESTED)).isEqualTo(deadBefore + 1);
    }

    private ValidatableResponse awaitTrack(String id) {
        await().atMost(PATIENCE).until(() -> given().auth().oauth2(tokens().listener())
                .get("/api/catalog/tracks/" + id).statusCode() == 200);
        return given().auth().oauth2(tokens().listener()).get("/api/catalog/tracks/" + id).then().statusCode(200);
    }

    private double stale() {
        return registry.counter("music.catalog.revisions", "outcome", "stale").count();
    }
}
