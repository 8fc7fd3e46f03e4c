package io.musicplatform.catalog.rest;

import io.musicplatform.catalog.CatalogApiTest;
import io.musicplatform.catalog.CatalogEvents;
import io.musicplatform.catalog.mapping.CatalogIds;
import io.musicplatform.events.ArtistId;
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
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

/** Browsing by artist, album and genre on the real servers: counts of playable tracks, album order, paging, 404s. */
@QuarkusTest
@WithTestResource(value = RealServersTestResource.class,
        initArgs = @ResourceArg(name = RealServersTestResource.SERVERS, value = "kafka,postgres,keycloak"))
class BrowseResourceTest extends CatalogApiTest {

    @Test
    void anArtistHasTheirAlbumsAndAnAlbumItsTracksInDiscAndTrackOrder() {
        String artist = "Artiste " + UUID.randomUUID();
        String genre = "genre-" + UUID.randomUUID();
        String album = "Double album";
        String removed = UUID.randomUUID().toString();
        CatalogEvents.publish(
                CatalogEvents.revision(UUID.randomUUID().toString(), 1, TrackStatus.AVAILABLE, "Disc 2, first", List.of(artist), album, genre, 2, 1),
                CatalogEvents.revision(UUID.randomUUID().toString(), 1, TrackStatus.AVAILABLE, "Disc 1, second", List.of(artist), album, genre, 1, 2),
                CatalogEvents.revision(UUID.randomUUID().toString(), 1, TrackStatus.AVAILABLE, "Disc 1, first", List.of(artist), album, genre, 1, 1),
                CatalogEvents.revision(removed, 1, TrackStatus.TAKEN_DOWN, "Disc 1, gone", List.of(artist), album, genre, 1, 3));
        String artistId = ArtistId.of(artist);
        String albumId = CatalogIds.album(UUID.fromString(artistId), album).toString();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().auth().oauth2(tokens().listener())
                .get("/api/catalog/artists/" + artistId).then().statusCode(200)
                .body("name", is(artist))
                .body("trackCount", is(3))
                .body("albums.title", contains(album))
                .body("albums[0].trackCount", is(3)));

        given().auth().oauth2(tokens().listener()).get("/api/catalog/albums/" + albumId).then().statusCode(200)
                .body("title", is(album))
                .body("artist.name", is(artist))
                .body("tracks.title", contains("Disc 1, first", "Disc 1, second", "Disc 2, first"));

        given().auth().oauth2(tokens().listener()).queryParam("limit", 100).get("/api/catalog/genres").then().statusCode(200)
                .body("items.find { it.name == '" + genre + "' }.trackCount", is(3));
    }

    @Test
    void artistsComePageByPage() {
        CatalogEvents.publish(
                CatalogEvents.revision(UUID.randomUUID().toString(), 1, TrackStatus.AVAILABLE, "Un", List.of("Page Un " + UUID.randomUUID()), null, "pop"),
                CatalogEvents.revision(UUID.randomUUID().toString(), 1, TrackStatus.AVAILABLE, "Deux", List.of("Page Deux " + UUID.randomUUID()), null, "pop"));
        await().atMost(Duration.ofSeconds(60)).until(() -> given().auth().oauth2(tokens().listener()).queryParam("limit", 100)
                .get("/api/catalog/artists").then().extract().<List<?>>path("items").size() >= 2);

        String cursor = given().auth().oauth2(tokens().listener()).queryParam("limit", 1).get("/api/catalog/artists").then()
                .statusCode(200).body("items.size()", is(1)).body("nextCursor", notNullValue())
                .extract().path("nextCursor");
        String first = given().auth().oauth2(tokens().listener()).queryParam("limit", 1).get("/api/catalog/artists").then()
                .extract().path("items[0].name");
        given().auth().oauth2(tokens().listener()).queryParam("limit", 1).queryParam("cursor", cursor).get("/api/catalog/artists").then()
                .statusCode(200).body("items.size()", is(1)).body("items.name", org.hamcrest.Matchers.not(hasItem(first)));

        given().auth().oauth2(tokens().listener()).queryParam("cursor", "garbage!").get("/api/catalog/artists").then()
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", is("cursor"));
    }

    @Test
    void unknownArtistsAndAlbumsAreNotFound() {
        given().auth().oauth2(tokens().listener()).get("/api/catalog/artists/" + UUID.randomUUID()).then()
                .statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(tokens().listener()).get("/api/catalog/albums/" + UUID.randomUUID()).then()
                .statusCode(404).contentType("application/problem+json");
    }
}
