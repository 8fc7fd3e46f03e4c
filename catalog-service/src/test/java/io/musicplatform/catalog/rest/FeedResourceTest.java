package io.musicplatform.catalog.rest;

import io.musicplatform.catalog.CatalogApiTest;
import io.musicplatform.catalog.CatalogEvents;
import io.musicplatform.events.ArtistId;
import io.musicplatform.events.TrackIngested;
import io.musicplatform.events.TrackStatus;
import io.musicplatform.realservers.RealServersTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.musicplatform.catalog.SubscriptionCalls.follow;
import static io.musicplatform.catalog.SubscriptionCalls.unfollowAll;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * The feed with real tokens: new releases of what one follows, newest first, then well-rated older tracks
 * of the genres one follows that one has not rated, best first; paged across both.
 */
@QuarkusTest
@WithTestResource(value = RealServersTestResource.class,
        initArgs = @ResourceArg(name = RealServersTestResource.SERVERS, value = "kafka,postgres,keycloak"))
class FeedResourceTest extends CatalogApiTest {

    private static final String FEED = "/api/catalog/me/feed";

    @Test
    void newReleasesNewestFirstThenWellRatedTracksNotYetRated() {
        String listener = tokens().listener();
        unfollowAll(listener);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String genre = "feed-" + suffix;
        String artistName = "Artiste suivi " + suffix;
        String byArtist = publish(UUID.randomUUID().toString(), "Nouveau, par l'artiste", artistName, "autre-" + suffix, null);
        follow(listener, "/artists/" + ArtistId.of(artistName)).statusCode(201);
        follow(listener, "/genres/" + genre).statusCode(201);

        Instant old = Instant.now().minus(Duration.ofDays(40));
        String inGenre = publish(UUID.randomUUID().toString(), "Nouveau, du genre", "Quelqu'un " + suffix, genre, null);
        String best = publish(UUID.randomUUID().toString(), "Ancien, le meilleur", "Ancien " + suffix, genre, old);
        String good = publish(UUID.randomUUID().toString(), "Ancien, bon", "Ancien " + suffix, genre, old);
        String poor = publish(UUID.randomUUID().toString(), "Ancien, moyen", "Ancien " + suffix, genre, old);
        String mine = publish(UUID.randomUUID().toString(), "Ancien, déjà noté", "Ancien " + suffix, genre, old);
        String elsewhere = publish(UUID.randomUUID().toString(), "Ancien, autre genre", "Ancien " + suffix, "autre-" + suffix, old);
        rate(best, 5, 5);
        rate(good, 5, 4);
        rate(poor, 3, 3);
        rate(mine, 5, 5);
        rate(elsewhere, 5, 5);
        given().auth().oauth2(listener).contentType("application/json").body("{\"stars\": 2}")
                .put("/api/catalog/tracks/" + mine + "/rating").then().statusCode(200);

        given().auth().oauth2(listener).get(FEED).then().statusCode(200)
                .body("items.track.id", contains(inGenre, byArtist, best, good))
                .body("items.section", contains("NEW_RELEASE", "NEW_RELEASE", "WELL_RATED", "WELL_RATED"))
                .body("nextCursor", nullValue());
        // Paged across the two sections.
        String cursor = given().auth().oauth2(listener).queryParam("limit", 3).get(FEED).then().statusCode(200)
                .body("items.track.id", contains(inGenre, byArtist, best)).body("nextCursor", notNullValue())
                .extract().path("nextCursor");
        given().auth().oauth2(listener).queryParam("limit", 3).queryParam("cursor", cursor).get(FEED).then().statusCode(200)
                .body("items.track.id", contains(good)).body("nextCursor", nullValue());
        cursor = given().auth().oauth2(listener).queryParam("limit", 1).get(FEED).then().extract().path("nextCursor");
        given().auth().oauth2(listener).queryParam("limit", 1).queryParam("cursor", cursor).get(FEED).then().statusCode(200)
                .body("items.track.id", contains(byArtist));

        given().auth().oauth2(listener).queryParam("cursor", "nope").get(FEED).then().statusCode(400)
                .contentType("application/problem+json");
        given().get(FEED).then().statusCode(401);
        unfollowAll(listener);
    }

    private String publish(String id, String title, String artist, String genre, Instant occurredAt) {
        TrackIngested event = CatalogEvents.revision(id, 1, TrackStatus.AVAILABLE, title, List.of(artist), null, genre);
        if (occurredAt != null) {
            event = new TrackIngested(event.eventId(), occurredAt, event.trackId(), event.revision(), event.status(), event.title(),
                    event.artists(), event.album(), event.albumArtist(), event.genre(), event.year(), event.trackNumber(),
                    event.discNumber(), event.durationMs(), event.media(), event.territories());
        }
        CatalogEvents.publish(event);
        await().atMost(Duration.ofSeconds(60)).until(() -> given().auth().oauth2(tokens().listener())
                .get("/api/catalog/tracks/" + id).statusCode() == 200);
        return id;
    }

    /** The operator's and nomad's ratings of a track. */
    private void rate(String track, int operatorStars, int nomadStars) {
        given().auth().oauth2(tokens().operator()).contentType("application/json").body("{\"stars\": " + operatorStars + "}")
                .put("/api/catalog/tracks/" + track + "/rating").then().statusCode(200);
        given().auth().oauth2(tokens().listenerWithoutCountry()).contentType("application/json").body("{\"stars\": " + nomadStars + "}")
                .put("/api/catalog/tracks/" + track + "/rating").then().statusCode(200);
    }
}
