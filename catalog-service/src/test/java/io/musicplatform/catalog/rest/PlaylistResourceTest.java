package io.musicplatform.catalog.rest;

import io.musicplatform.catalog.CatalogApiTest;
import io.musicplatform.realservers.RealServersTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A playlist's life with real tokens: made, read, renamed, deleted; who sees a private or public one;
 * every change names its version, and a missing, malformed or stale one is refused.
 */
@QuarkusTest
@WithTestResource(value = RealServersTestResource.class,
        initArgs = @ResourceArg(name = RealServersTestResource.SERVERS, value = "kafka,postgres,keycloak"))
class PlaylistResourceTest extends CatalogApiTest {

    @Test
    void aPlaylistIsMadeReadRenamedAndDeleted() {
        String listener = tokens().listener();
        var made = given().auth().oauth2(listener).contentType("application/json")
                .body("{\"name\": \"  Dimanche matin  \", \"description\": \"Calme, café, chanson\"}")
                .post("/api/catalog/playlists").then().statusCode(201)
                .header("ETag", "\"1\"")
                .body("name", is("Dimanche matin"))
                .body("description", is("Calme, café, chanson"))
                .body("visibility", is("PRIVATE"))
                .body("owner.name", is("listener"))
                .body("yourRole", is("OWNER"))
                .body("trackCount", is(0))
                .body("version", is(1))
                .extract();
        String playlist = made.path("id");
        assertEquals("/api/catalog/playlists/" + playlist, made.header("Location").replaceFirst("^https?://[^/]+", ""));

        String tag = PlaylistCalls.get(listener, playlist).statusCode(200).header("ETag", "\"1\"")
                .header("Cache-Control", allOf(containsString("private"), containsString("no-cache"))).extract().header("ETag");
        given().auth().oauth2(listener).header("If-None-Match", tag).get("/api/catalog/playlists/" + playlist).then().statusCode(304);

        PlaylistCalls.rename(listener, playlist, 1, "Dimanche soir").statusCode(200).header("ETag", "\"2\"")
                .body("name", is("Dimanche soir")).body("version", is(2)).body("description", is("Calme, café, chanson"));
        given().auth().oauth2(listener).header("If-None-Match", tag).get("/api/catalog/playlists/" + playlist).then().statusCode(200)
                .body("name", is("Dimanche soir"));
        // A bare version is understood too; an empty description removes it.
        given().auth().oauth2(listener).contentType("application/json").header("If-Match", "2").body("{\"description\": \"\"}")
                .patch("/api/catalog/playlists/" + playlist).then().statusCode(200).body("description", nullValue()).body("version", is(3));

        given().auth().oauth2(listener).header("If-Match", "\"3\"").delete("/api/catalog/playlists/" + playlist).then().statusCode(204);
        PlaylistCalls.get(listener, playlist).statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aPrivatePlaylistIsInvisibleToOthersAndAPublicOneIsReadOnlyToThem() {
        String owner = tokens().listener();
        String other = tokens().operator();
        String hidden = PlaylistCalls.create(owner, "Secret", "PRIVATE");
        // Not 403: a private playlist of someone else does not exist for you.
        PlaylistCalls.get(other, hidden).statusCode(404).contentType("application/problem+json");
        PlaylistCalls.rename(other, hidden, 1, "Mine now").statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(other).get("/api/catalog/playlists/" + hidden + "/tracks").then().statusCode(404);
        given().auth().oauth2(other).header("If-Match", "\"1\"").delete("/api/catalog/playlists/" + hidden).then().statusCode(404);

        String shown = PlaylistCalls.create(owner, "Pour tous", "PUBLIC");
        PlaylistCalls.get(other, shown).statusCode(200).body("yourRole", is("VIEWER")).body("visibility", is("PUBLIC"));
        PlaylistCalls.rename(other, shown, 1, "Mine now").statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("share link"));
        given().auth().oauth2(other).header("If-Match", "\"1\"").delete("/api/catalog/playlists/" + shown).then().statusCode(403);
        PlaylistCalls.get(owner, shown).statusCode(200).body("name", is("Pour tous")).body("version", is(1));

        // The owner makes it private again: it disappears for the other listener.
        given().auth().oauth2(owner).contentType("application/json").header("If-Match", "\"1\"").body("{\"visibility\": \"PRIVATE\"}")
                .patch("/api/catalog/playlists/" + shown).then().statusCode(200).body("visibility", is("PRIVATE"));
        PlaylistCalls.get(other, shown).statusCode(404);
    }

    @Test
    void changesWithoutAVersionOrWithAStaleOrMalformedOneAreRefused() {
        String listener = tokens().listener();
        String playlist = PlaylistCalls.create(listener, "Versions", "PRIVATE");
        given().auth().oauth2(listener).contentType("application/json").body("{\"name\": \"No version\"}")
                .patch("/api/catalog/playlists/" + playlist).then().statusCode(428).contentType("application/problem+json")
                .body("detail", containsString("If-Match"));
        given().auth().oauth2(listener).delete("/api/catalog/playlists/" + playlist).then().statusCode(428);
        for (String malformed : List.of("W/\"1\"", "\"one\"", "\"1\", \"2\"", "0")) {
            given().auth().oauth2(listener).contentType("application/json").header("If-Match", malformed).body("{\"name\": \"x\"}")
                    .patch("/api/catalog/playlists/" + playlist).then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem("If-Match"));
        }
        PlaylistCalls.rename(listener, playlist, 1, "Second").statusCode(200);
        // Made on version 1, which is no longer the playlist's: 412 with the current version as ETag.
        PlaylistCalls.rename(listener, playlist, 1, "Lost update").statusCode(412).contentType("application/problem+json")
                .header("ETag", "\"2\"").body("detail", containsString("version 2"));
        PlaylistCalls.get(listener, playlist).statusCode(200).body("name", is("Second"));
    }

    @Test
    void badInputIsAClearProblem() {
        String listener = tokens().listener();
        Map<String, String> refused = Map.of(
                "{}", "name",
                "{\"name\": \"   \"}", "name",
                "{\"name\": \"" + "x".repeat(201) + "\"}", "name",
                "{\"name\": \"ok\", \"description\": \"" + "x".repeat(2001) + "\"}", "description");
        refused.forEach((body, field) -> given().auth().oauth2(listener).contentType("application/json").body(body)
                .post("/api/catalog/playlists").then()
                .statusCode(400).contentType("application/problem+json").body("errors.field", hasItem(field)));
        given().auth().oauth2(listener).contentType("application/json").body("{\"name\": \"ok\", \"visibility\": \"SECRET\"}")
                .post("/api/catalog/playlists").then().statusCode(400).contentType("application/problem+json");
        String playlist = PlaylistCalls.create(listener, "Bad input", "PRIVATE");
        given().auth().oauth2(listener).contentType("application/json").header("If-Match", "\"1\"").body("{}")
                .patch("/api/catalog/playlists/" + playlist).then().statusCode(400).body("errors.field", hasItem("name"));
        given().auth().oauth2(listener).get("/api/catalog/playlists/not-a-uuid").then().statusCode(400).contentType("application/problem+json");
        PlaylistCalls.get(listener, UUID.randomUUID().toString()).statusCode(404).contentType("application/problem+json");
        given().get("/api/catalog/playlists/" + playlist).then().statusCode(401);
        given().contentType("application/json").body("{\"name\": \"x\"}").post("/api/catalog/playlists").then().statusCode(401);
        given().get("/api/catalog/me/playlists").then().statusCode(401);
        given().auth().oauth2(tokens().expired()).get("/api/catalog/playlists/" + playlist).then().statusCode(401);
    }

    @Test
    void myPlaylistsArePagedNewestFirstWithoutRepeats() {
        String operator = tokens().operator();
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            made.add(PlaylistCalls.create(operator, "Mine " + i, i % 2 == 0 ? "PRIVATE" : "PUBLIC"));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().auth().oauth2(operator).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get("/api/catalog/me/playlists").then().statusCode(200).extract();
            List<String> ids = page.path("items.id");
            assertTrue(ids.size() <= 2);
            seen.addAll(ids);
            cursor = page.path("nextCursor");
        } while (cursor != null);
        assertEquals(seen.size(), new HashSet<>(seen).size(), "no playlist twice");
        List<String> newestFirst = new ArrayList<>(made.reversed());
        assertEquals(newestFirst, seen.stream().filter(made::contains).toList());
        // Someone else's playlists are not listed.
        given().auth().oauth2(tokens().listener()).queryParam("limit", 100).get("/api/catalog/me/playlists").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.not(hasItem(made.getFirst())));

        given().auth().oauth2(operator).queryParam("limit", 101).get("/api/catalog/me/playlists").then().statusCode(400)
                .body("errors.field", hasItem("limit"));
        given().auth().oauth2(operator).queryParam("cursor", "bm90IG91cnM").get("/api/catalog/me/playlists").then().statusCode(400)
                .body("errors.field", hasItem("cursor"));
    }
}
