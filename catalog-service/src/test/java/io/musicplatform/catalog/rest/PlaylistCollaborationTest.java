package io.musicplatform.catalog.rest;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.musicplatform.catalog.CatalogApiTest;
import io.musicplatform.realservers.RealServersTestResource;
import io.musicplatform.servicetesting.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Collaborative playlists with two real listeners: the owner shares a link, the other redeems it and
 * edits; concurrent edits on one version make one change and one 412; links expire and are revoked.
 */
@QuarkusTest
@WithTestResource(value = RealServersTestResource.class,
        initArgs = @ResourceArg(name = RealServersTestResource.SERVERS, value = "kafka,postgres,keycloak"))
class PlaylistCollaborationTest extends CatalogApiTest {

    @Inject
    AgroalDataSource database;

    @Inject
    MeterRegistry registry;

    @Test
    void aListenerWhoRedeemsAShareLinkEditsThePlaylistButDoesNotOwnIt() {
        String owner = tokens().operator();
        String guest = tokens().listener();
        String guestId = TestTokens.subject(guest);
        List<String> tracks = PlaylistCalls.playableTracks(owner, 2);
        String playlist = PlaylistCalls.create(owner, "À deux", "PRIVATE");

        // Only the owner makes share links.
        PlaylistCalls.get(guest, playlist).statusCode(404);
        String token = invite(owner, playlist).path("token");
        given().auth().oauth2(owner).get("/api/catalog/playlists/" + playlist + "/invitations").then().statusCode(200)
                .body("items.size()", is(1)).body("items[0].token", nullValue())
                .body("items[0].redeemAt", is("/api/catalog/playlists/" + playlist + "/collaborators"));

        join(guest, playlist, token).statusCode(200).body("yourRole", is("COLLABORATOR")).body("collaborators", is(1))
                .body("version", is(2));
        // Redeeming again changes nothing.
        join(guest, playlist, token).statusCode(200).body("version", is(2));
        given().auth().oauth2(guest).queryParam("limit", 100).get("/api/catalog/me/playlists").then().statusCode(200)
                .body("items.id", hasItem(playlist));
        given().auth().oauth2(guest).get("/api/catalog/playlists/" + playlist + "/collaborators").then().statusCode(200)
                .body("items.userId", contains(guestId)).body("items[0].name", is("listener"));

        PlaylistCalls.add(guest, playlist, 2, List.of(tracks.get(0)), null).statusCode(200).body("version", is(3));
        PlaylistCalls.rename(guest, playlist, 3, "À deux, renommée").statusCode(200);
        given().auth().oauth2(guest).queryParam("view", "all").get("/api/catalog/playlists/" + playlist + "/tracks").then()
                .body("items[0].addedBy.id", is(guestId)).body("items[0].addedBy.name", is("listener"));

        // What stays the owner's: who sees it, deleting it, sharing it, removing others.
        given().auth().oauth2(guest).contentType("application/json").header("If-Match", "\"4\"").body("{\"visibility\": \"PUBLIC\"}")
                .patch("/api/catalog/playlists/" + playlist).then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(guest).header("If-Match", "\"4\"").delete("/api/catalog/playlists/" + playlist).then().statusCode(403);
        given().auth().oauth2(guest).post("/api/catalog/playlists/" + playlist + "/invitations").then().statusCode(403);
        given().auth().oauth2(guest).get("/api/catalog/playlists/" + playlist + "/invitations").then().statusCode(403);
        given().auth().oauth2(guest).delete("/api/catalog/playlists/" + playlist + "/collaborators/" + TestTokens.subject(owner)).then()
                .statusCode(403);

        // The owner removes the collaborator: the private playlist is gone for them.
        given().auth().oauth2(owner).delete("/api/catalog/playlists/" + playlist + "/collaborators/" + guestId).then().statusCode(204);
        PlaylistCalls.get(guest, playlist).statusCode(404);
        PlaylistCalls.add(guest, playlist, 5, List.of(tracks.get(1)), null).statusCode(404);
        given().auth().oauth2(owner).delete("/api/catalog/playlists/" + playlist + "/collaborators/" + guestId).then().statusCode(404);

        // Rejoin, then leave on one's own.
        join(guest, playlist, token).statusCode(200).body("yourRole", is("COLLABORATOR"));
        given().auth().oauth2(guest).delete("/api/catalog/playlists/" + playlist + "/collaborators/" + guestId).then().statusCode(204);
        PlaylistCalls.get(owner, playlist).statusCode(200).body("collaborators", is(0));
    }

    @Test
    void ofTwoEditsMadeOnOneVersionOneAppliesAndTheOtherIsToldToRetry() throws Exception {
        String owner = tokens().operator();
        String guest = tokens().listener();
        List<String> tracks = PlaylistCalls.playableTracks(owner, 2);
        String playlist = PlaylistCalls.create(owner, "Concurrence", "PUBLIC");
        join(guest, playlist, invite(owner, playlist).path("token")).statusCode(200);
        long read = PlaylistCalls.version(owner, playlist);
        assertEquals(read, PlaylistCalls.version(guest, playlist));
        double conflictsBefore = registry.get("music.catalog.playlist.conflicts").counter().count();

        PlaylistCalls.add(owner, playlist, read, List.of(tracks.get(0)), null).statusCode(200);
        String current = PlaylistCalls.add(guest, playlist, read, List.of(tracks.get(1)), null).statusCode(412)
                .contentType("application/problem+json").extract().header("ETag");
        // The guest reads again and retries on the version it was told: both tracks are there.
        PlaylistCalls.add(guest, playlist, Long.parseLong(current.replace("\"", "")), List.of(tracks.get(1)), null).statusCode(200);
        assertEquals(tracks, PlaylistCalls.trackIds(owner, playlist, "all"));

        // Eight edits sent at once on the same version: exactly one applies.
        long version = PlaylistCalls.version(owner, playlist);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String token = i % 2 == 0 ? owner : guest;
                String name = "Course " + i;
                answers.add(pool.submit((Callable<Integer>) () -> PlaylistCalls.rename(token, playlist, version, name).extract().statusCode()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            assertEquals(1, statuses.stream().filter(status -> status == 200).count(), "statuses " + statuses);
            assertEquals(7, statuses.stream().filter(status -> status == 412).count(), "statuses " + statuses);
        } finally {
            pool.shutdownNow();
        }
        PlaylistCalls.get(owner, playlist).statusCode(200).body("version", is((int) version + 1));
        assertEquals(8.0, registry.get("music.catalog.playlist.conflicts").counter().count() - conflictsBefore);
        assertTrue(registry.get("music.catalog.playlist.changes").tag("change", "add").counter().count() >= 2);
    }

    @Test
    void aRevokedOrExpiredOrWrongLinkDoesNotLetAnyoneIn() throws SQLException {
        String owner = tokens().operator();
        String guest = tokens().listener();
        String playlist = PlaylistCalls.create(owner, "Fermée", "PRIVATE");

        join(guest, playlist, "not-a-token").statusCode(404).contentType("application/problem+json");
        ExtractableResponse<Response> revoked = invite(owner, playlist);
        given().auth().oauth2(owner).delete("/api/catalog/playlists/" + playlist + "/invitations/" + revoked.path("id")).then().statusCode(204);
        join(guest, playlist, revoked.path("token")).statusCode(404);

        // A token of another playlist does not open this one.
        String other = PlaylistCalls.create(owner, "Autre", "PRIVATE");
        join(guest, playlist, invite(owner, other).path("token")).statusCode(404);

        ExtractableResponse<Response> expiring = invite(owner, playlist);
        try (Connection connection = database.getConnection();
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE catalog.playlist_invitation SET expires_at = now() - interval '1 minute' WHERE id = ?")) {
            update.setObject(1, UUID.fromString(expiring.path("id")));
            assertEquals(1, update.executeUpdate());
        }
        join(guest, playlist, expiring.path("token")).statusCode(410).contentType("application/problem+json")
                .body("detail", containsString("new link"));
        PlaylistCalls.get(guest, playlist).statusCode(404);
        PlaylistCalls.get(owner, playlist).statusCode(200).body("collaborators", is(0)).body("version", is(1));

        given().auth().oauth2(guest).contentType("application/json").body("{}")
                .post("/api/catalog/playlists/" + playlist + "/collaborators").then().statusCode(400)
                .body("errors.field", hasItem("invitation"));
        given().contentType("application/json").body("{\"invitation\": \"x\"}")
                .post("/api/catalog/playlists/" + playlist + "/collaborators").then().statusCode(401);
        assertTrue(expiring.<String>path("token").length() >= 40, "a share link's token is long enough not to be guessed");
    }

    private static ExtractableResponse<Response> invite(String owner, String playlist) {
        ExtractableResponse<Response> made = given().auth().oauth2(owner).post("/api/catalog/playlists/" + playlist + "/invitations")
                .then().statusCode(201).contentType("application/json").extract();
        assertTrue(made.header("Location").endsWith("/api/catalog/playlists/" + playlist + "/invitations/" + made.path("id")),
                made.header("Location"));
        return made;
    }

    private static io.restassured.response.ValidatableResponse join(String token, String playlist, String invitation) {
        return given().auth().oauth2(token).contentType("application/json").body("{\"invitation\": \"" + invitation + "\"}")
                .post("/api/catalog/playlists/" + playlist + "/collaborators").then();
    }
}
