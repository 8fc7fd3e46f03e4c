package io.musicplatform.catalog.rest;

import io.musicplatform.catalog.CatalogApiTest;
import io.musicplatform.catalog.CatalogEvents;
import io.musicplatform.events.TrackStatus;
import io.musicplatform.realservers.RealServersTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

/** Ratings with real tokens: each listener has one, the track shows the average and count, bad input is refused. */
@QuarkusTest
@WithTestResource(value = RealServersTestResource.class,
        initArgs = @ResourceArg(name = RealServersTestResource.SERVERS, value = "kafka,postgres,keycloak"))
class RatingResourceTest extends CatalogApiTest {

    @Test
    void eachListenerHasOneRatingAndTheTrackShowsAverageAndCount() {
        String id = playableTrack();
        rate(tokens().listener(), id, 5).statusCode(200).body("stars", is(5));
        rate(tokens().operator(), id, 2).statusCode(200);
        // A change replaces the listener's rating; it does not add one.
        rate(tokens().listener(), id, 4).statusCode(200).body("stars", is(4));

        given().auth().oauth2(tokens().listener()).get("/api/catalog/tracks/" + id).then().statusCode(200)
                .body("rating.count", is(2))
                .body("rating.average", is(3.0f));
        given().auth().oauth2(tokens().listener()).get("/api/catalog/tracks/" + id + "/rating").then().statusCode(200)
                .body("stars", is(4));

        given().auth().oauth2(tokens().operator()).delete("/api/catalog/tracks/" + id + "/rating").then().statusCode(204);
        given().auth().oauth2(tokens().operator()).get("/api/catalog/tracks/" + id + "/rating").then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(tokens().listener()).get("/api/catalog/tracks/" + id).then()
                .body("rating.count", is(1)).body("rating.average", is(4.0f));

        given().auth().oauth2(tokens().listener()).delete("/api/catalog/tracks/" + id + "/rating").then().statusCode(204);
        given().auth().oauth2(tokens().listener()).get("/api/catalog/tracks/" + id).then()
                .body("rating.count", is(0)).body("rating.average", nullValue());
    }

    @Test
    void refusesStarsOutOfRangeAndUnknownOrTakenDownTracks() {
        String id = playableTrack();
        for (String body : List.of("{\"stars\": 0}", "{\"stars\": 6}", "{}", "{\"stars\": \"five\"}")) {
            given().auth().oauth2(tokens().listener()).contentType("application/json").body(body)
                    .put("/api/catalog/tracks/" + id + "/rating").then()
                    .statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem("stars"));
        }
        rate(tokens().listener(), UUID.randomUUID().toString(), 3).statusCode(404).contentType("application/problem+json");

        CatalogEvents.publish(CatalogEvents.revision(id, 2, TrackStatus.TAKEN_DOWN, "Retirée", List.of("Anonyme"), null, "pop"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                rate(tokens().listener(), id, 3).statusCode(410).contentType("application/problem+json"));
    }

    private io.restassured.response.ValidatableResponse rate(String token, String id, int stars) {
        return given().auth().oauth2(token).contentType("application/json").body("{\"stars\": " + stars + "}")
                .put("/api/catalog/tracks/" + id + "/rating").then();
    }

    private String playableTrack() {
        String id = UUID.randomUUID().toString();
        CatalogEvents.publish(CatalogEvents.revision(id, 1, TrackStatus.AVAILABLE, "À noter", List.of("Anonyme"), null, "pop"));
        await().atMost(Duration.ofSeconds(60)).until(() -> given().auth().oauth2(tokens().listener())
                .get("/api/catalog/tracks/" + id).statusCode() == 200);
        return id;
    }
}
