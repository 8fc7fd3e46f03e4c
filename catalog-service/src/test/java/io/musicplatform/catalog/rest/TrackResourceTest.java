package io.musicplatform.catalog.rest;

import io.musicplatform.catalog.CatalogApiTest;
import io.musicplatform.catalog.CatalogEvents;
import io.musicplatform.catalog.service.TrackCursor;
import io.musicplatform.catalog.service.TrackSort;
import io.musicplatform.events.ArtistId;
import io.musicplatform.events.TrackStatus;
import io.musicplatform.realservers.RealServersTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/** GET /api/catalog/tracks/{id} with real tokens: caching headers, 304, and each bad request as problem+json. */
@QuarkusTest
@WithTestResource(value = RealServersTestResource.class,
        initArgs = @ResourceArg(name = RealServersTestResource.SERVERS, value = "kafka,postgres,keycloak"))
class TrackResourceTest extends CatalogApiTest {

    @Test
    void answersWithAnETagAndNotModifiedWhenItIsUnchanged() {
        String id = UUID.randomUUID().toString();
        CatalogEvents.publish(CatalogEvents.revision(id, 1, TrackStatus.AVAILABLE, "Étoile", List.of("Mylène Farmer"), null, "pop"));
        await().atMost(Duration.ofSeconds(60)).until(() -> given().auth().oauth2(tokens().listener())
                .get("/api/catalog/tracks/" + id).statusCode() == 200);

        String etag = given().auth().oauth2(tokens().listener()).get("/api/catalog/tracks/" + id).then()
                .statusCode(200)
                .header("ETag", notNullValue())
                .header("Cache-Control", containsString("private"))
                .extract().header("ETag");

        given().auth().oauth2(tokens().listener()).header("If-None-Match", etag).get("/api/catalog/tracks/" + id).then()
                .statusCode(304)
                .body(is(emptyString()));

        // A new revision changes what the track shows, and so its tag.
        CatalogEvents.publish(CatalogEvents.revision(id, 2, TrackStatus.AVAILABLE, "Étoile (remaster)", List.of("Mylène Farmer"), null, "pop"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().auth().oauth2(tokens().listener())
                .header("If-None-Match", etag).get("/api/catalog/tracks/" + id).then()
                .statusCode(200)
                .header("ETag", not(etag))
                .body("title", is("Étoile (remaster)")));
    }

    @Test
    void pagesThroughAGenreInTitleOrderWithoutRepeatsOrGaps() {
        String genre = "genre-" + UUID.randomUUID();
        List<String> titles = List.of("Echo", "Alpha", "Charlie", "Bravo", "Delta");
        String hidden = UUID.randomUUID().toString();
        for (String title : titles) {
            CatalogEvents.publish(CatalogEvents.revision(UUID.randomUUID().toString(), 1, TrackStatus.AVAILABLE, title,
                    List.of("Orchestre National"), null, genre));
        }
        CatalogEvents.publish(CatalogEvents.revision(hidden, 1, TrackStatus.TAKEN_DOWN, "Aaa taken down", List.of("Orchestre National"), null, genre));
        await().atMost(Duration.ofSeconds(60)).until(() -> given().auth().oauth2(tokens().listener())
                .queryParam("genre", genre.toUpperCase()).queryParam("limit", 100)
                .get("/api/catalog/tracks").then().extract().path("items.size()").equals(5));

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().auth().oauth2(tokens().listener()).queryParam("genre", genre).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get("/api/catalog/tracks").then().statusCode(200).extract();
            seen.addAll(page.path("items.title"));
            cursor = page.path("nextCursor");
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(seen).containsExactly("Alpha", "Bravo", "Charlie", "Delta", "Echo");
        assertThat(pages).isEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"added", "duration"})
    void pagesInEveryOrderGiveWhatOnePageGives(String sort) {
        String genre = "genre-" + UUID.randomUUID();
        for (String title : List.of("Un", "Deux", "Trois", "Quatre")) {
            CatalogEvents.publish(CatalogEvents.revision(UUID.randomUUID().toString(), 1, TrackStatus.AVAILABLE, title,
                    List.of("Quatuor"), null, genre));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> given().auth().oauth2(tokens().listener())
                .queryParam("genre", genre).queryParam("limit", 100).get("/api/catalog/tracks").then().extract().path("items.size()").equals(4));
        List<String> whole = given().auth().oauth2(tokens().listener()).queryParam("genre", genre).queryParam("sort", sort)
                .queryParam("limit", 100).get("/api/catalog/tracks").then().statusCode(200).extract().path("items.id");

        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().auth().oauth2(tokens().listener()).queryParam("genre", genre).queryParam("sort", sort).queryParam("limit", 1);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get("/api/catalog/tracks").then().statusCode(200).extract();
            paged.addAll(page.path("items.id"));
            cursor = page.path("nextCursor");
        } while (cursor != null && paged.size() < 10);

        assertThat(paged).hasSize(4).containsExactlyElementsOf(whole);
    }

    @Test
    void filtersByArtistAndTitlePrefixAndSortsByDuration() {
        String artist = "Artiste " + UUID.randomUUID();
        CatalogEvents.publish(
                CatalogEvents.revision(UUID.randomUUID().toString(), 1, TrackStatus.AVAILABLE, "Long voyage", List.of(artist), null, "jazz"),
                CatalogEvents.revision(UUID.randomUUID().toString(), 1, TrackStatus.AVAILABLE, "Lune", List.of("Someone Else", artist), null, "jazz"),
                CatalogEvents.revision(UUID.randomUUID().toString(), 1, TrackStatus.AVAILABLE, "Soleil", List.of(artist), null, "jazz"));
        String artistId = ArtistId.of(artist);
        await().atMost(Duration.ofSeconds(60)).until(() -> given().auth().oauth2(tokens().listener())
                .queryParam("artist", artistId).get("/api/catalog/tracks").then().extract().path("items.size()").equals(3));

        given().auth().oauth2(tokens().listener()).queryParam("artist", artistId).queryParam("title", "LU")
                .get("/api/catalog/tracks").then().statusCode(200)
                .body("items.title", contains("Lune"));
        given().auth().oauth2(tokens().listener()).queryParam("artist", artistId).queryParam("sort", "added")
                .get("/api/catalog/tracks").then().statusCode(200)
                .body("items.size()", is(3));
    }

    @Test
    void refusesAnUnknownSortAnOversizedPageAndAForeignCursor() {
        given().auth().oauth2(tokens().listener()).queryParam("sort", "popularity").get("/api/catalog/tracks").then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", is("sort"))
                .body("errors[0].message", containsString("title, added, duration"));
        given().auth().oauth2(tokens().listener()).queryParam("limit", 101).get("/api/catalog/tracks").then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", is("limit"));
        given().auth().oauth2(tokens().listener()).queryParam("cursor", "bm90LWEtY3Vyc29y").get("/api/catalog/tracks").then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", is("cursor"));
        String durationCursor = new TrackCursor(TrackSort.DURATION,
                1000L, UUID.randomUUID()).encode();
        given().auth().oauth2(tokens().listener()).queryParam("cursor", durationCursor).get("/api/catalog/tracks").then()
                .statusCode(400).body("errors[0].message", containsString("sort=duration"));
        given().auth().oauth2(tokens().listener()).queryParam("artist", "not-a-uuid").get("/api/catalog/tracks").then()
                .statusCode(400).contentType("application/problem+json");
    }

    @Test
    void needsAToken() {
        given().get("/api/catalog/tracks/" + UUID.randomUUID()).then()
                .statusCode(401).contentType("application/problem+json");
    }

    @Test
    void anUnknownTrackIsNotFound() {
        UUID id = UUID.randomUUID();
        given().auth().oauth2(tokens().listener()).get("/api/catalog/tracks/" + id).then()
                .statusCode(404).contentType("application/problem+json")
                .body("detail", containsString(id.toString()));
    }

    @Test
    void aMalformedIdIsABadRequest() {
        given().auth().oauth2(tokens().listener()).get("/api/catalog/tracks/not-a-uuid").then()
                .statusCode(400).contentType("application/problem+json")
                .body("title", is("Invalid request"));
    }
}
