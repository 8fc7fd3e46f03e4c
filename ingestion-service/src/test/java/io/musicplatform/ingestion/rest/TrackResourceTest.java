package io.musicplatform.ingestion.rest;

import io.musicplatform.events.TrackIngested;
import io.musicplatform.events.TrackStatus;
import io.musicplatform.ingestion.IngestionApiTest;
import io.musicplatform.ingestion.IngestionFixtures;
import io.musicplatform.realservers.RealServersTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

/** A track's current revision, its corrections and its takedown: each a new revision, published once, in order. */
@QuarkusTest
@WithTestResource(value = RealServersTestResource.class,
        initArgs = @ResourceArg(name = RealServersTestResource.SERVERS, value = "kafka,postgres,s3,keycloak"))
class TrackResourceTest extends IngestionApiTest {

    @Test
    void aCorrectionAndATakedownAreNewRevisionsPublishedInOrder() {
        String trackId = upload("Anonyme - Sans titre.wav", IngestionFixtures.uniqueWav(), null).statusCode(201)
                .extract().path("track.id");
        String path = "/api/ingestion/tracks/" + trackId;

        given().auth().oauth2(operator()).contentType(ContentType.JSON)
                .body(Map.of("title", "Avec titre", "artists", List.of("Pomme"), "album", "Les failles", "territories", List.of("FR")))
                .patch(path).then().statusCode(200)
                .body("revision", equalTo(2)).body("title", equalTo("Avec titre")).body("artists", equalTo(List.of("Pomme")))
                .body("album", equalTo("Les failles")).body("territories", equalTo(List.of("FR"))).body("status", equalTo("AVAILABLE"));
        given().auth().oauth2(operator()).get(path).then().statusCode(200).body("revision", equalTo(2)).body("title", equalTo("Avec titre"));

        given().auth().oauth2(operator()).delete(path).then().statusCode(200)
                .body("revision", equalTo(3)).body("status", equalTo("TAKEN_DOWN")).body("title", equalTo("Avec titre"));
        given().auth().oauth2(operator()).delete(path).then().statusCode(200).body("revision", equalTo(3));

        List<TrackIngested> events = awaitPublished(trackId, 3);
        assertThat(events).extracting(TrackIngested::revision).containsExactly(1L, 2L, 3L);
        assertThat(events).extracting(TrackIngested::status).containsExactly(TrackStatus.AVAILABLE, TrackStatus.AVAILABLE, TrackStatus.TAKEN_DOWN);
        assertThat(events.get(1).title()).isEqualTo("Avec titre");
        assertThat(events.get(1).media()).as("a correction keeps the audio").isEqualTo(events.getFirst().media());
        assertThat(events.get(2).territories()).containsExactly("FR");
    }

    @Test
    void aCorrectionThatSetsTheMainArtistAsAlbumArtistDropsIt() {
        String trackId = upload("X - Y.wav", IngestionFixtures.uniqueWav(), null).statusCode(201).extract().path("track.id");
        given().auth().oauth2(operator()).contentType(ContentType.JSON).body(Map.of("albumArtist", "X"))
                .patch("/api/ingestion/tracks/" + trackId).then().statusCode(200).body("albumArtist", nullValue());
    }

    @Test
    void badRequestsAreNamedAndChangeNothing() {
        String trackId = upload("Z - W.wav", IngestionFixtures.uniqueWav(), null).statusCode(201).extract().path("track.id");
        awaitPublished(trackId, 1);
        State before = State.now();
        String path = "/api/ingestion/tracks/" + trackId;

        given().auth().oauth2(operator()).contentType(ContentType.JSON).body(Map.of("title", " ", "year", 20000))
                .patch(path).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("title", "year")));
        given().auth().oauth2(operator()).contentType(ContentType.JSON).body("[1]").patch(path).then().statusCode(400)
                .contentType("application/problem+json");
        given().auth().oauth2(operator()).contentType(ContentType.JSON).patch(path).then().statusCode(400)
                .contentType("application/problem+json");
        String missing = "/api/ingestion/tracks/" + UUID.randomUUID();
        given().auth().oauth2(operator()).get(missing).then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(operator()).contentType(ContentType.JSON).body(Map.of("title", "t")).patch(missing).then().statusCode(404);
        given().auth().oauth2(operator()).delete(missing).then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(operator()).get("/api/ingestion/tracks/not-a-uuid").then().statusCode(400)
                .contentType("application/problem+json");

        given().get(path).then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(tokens().listener()).get(path).then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(tokens().listener()).delete(path).then().statusCode(403);
        given().auth().oauth2(tokens().listener()).contentType(ContentType.JSON).body(Map.of("title", "t")).patch(path).then().statusCode(403);
        before.assertUnchanged();
    }
}
