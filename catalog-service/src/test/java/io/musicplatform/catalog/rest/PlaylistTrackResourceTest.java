package io.musicplatform.catalog.rest;

import io.agroal.api.AgroalDataSource;
import io.musicplatform.catalog.CatalogApiTest;
import io.musicplatform.catalog.CatalogEvents;
import io.musicplatform.events.TrackStatus;
import io.musicplatform.realservers.RealServersTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A playlist's entries: added at the end or at an index, moved (one row written), removed, listed in
 * order page by page; taken-down tracks leave the playable view; up to 10,000 tracks.
 */
@QuarkusTest
@WithTestResource(value = RealServersTestResource.class,
        initArgs = @ResourceArg(name = RealServersTestResource.SERVERS, value = "kafka,postgres,keycloak"))
class PlaylistTrackResourceTest extends CatalogApiTest {

    @Inject
    AgroalDataSource database;

    @Test
    void tracksAreAddedMovedAndRemovedInOrder() {
        String listener = tokens().listener();
        List<String> tracks = PlaylistCalls.playableTracks(listener, 4);
        String a = tracks.get(0), b = tracks.get(1), c = tracks.get(2), d = tracks.get(3);
        String playlist = PlaylistCalls.create(listener, "Ordre", "PRIVATE");

        PlaylistCalls.add(listener, playlist, 1, List.of(a, b), null).statusCode(200).header("ETag", "\"2\"")
                .body("trackCount", is(2)).body("version", is(2));
        // Before index 1; and the same track may appear twice.
        PlaylistCalls.add(listener, playlist, 2, List.of(c, a), 1).statusCode(200).body("trackCount", is(4));
        PlaylistCalls.add(listener, playlist, 3, List.of(d), 0).statusCode(200);
        assertEquals(List.of(d, a, c, a, b), PlaylistCalls.trackIds(listener, playlist, "all"));

        List<String[]> entries = PlaylistCalls.entries(listener, playlist, "all");
        // b (last) to the start, then d (now second) to the end.
        PlaylistCalls.move(listener, playlist, 4, entries.get(4)[0], 0).statusCode(200).body("version", is(5));
        assertEquals(List.of(b, d, a, c, a), PlaylistCalls.trackIds(listener, playlist, "all"));
        PlaylistCalls.move(listener, playlist, 5, entries.get(0)[0], 4).statusCode(200);
        assertEquals(List.of(b, a, c, a, d), PlaylistCalls.trackIds(listener, playlist, "all"));

        PlaylistCalls.remove(listener, playlist, 6, entries.get(1)[0]).statusCode(200).body("trackCount", is(4)).body("version", is(7));
        assertEquals(List.of(b, c, a, d), PlaylistCalls.trackIds(listener, playlist, "all"));
        PlaylistCalls.remove(listener, playlist, 7, entries.get(1)[0]).statusCode(404).contentType("application/problem+json");

        given().auth().oauth2(listener).queryParam("view", "all").queryParam("limit", 1).get("/api/catalog/playlists/" + playlist + "/tracks")
                .then().statusCode(200)
                .body("items[0].trackId", is(b))
                .body("items[0].track.title", is("Piste 1"))
                .body("items[0].track.artists[0].name", is("Anonyme"))
                .body("items[0].addedBy.name", is("listener"))
                .body("nextCursor", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void aTakenDownTrackLeavesThePlayableViewAndCannotBeAdded() {
        String listener = tokens().listener();
        List<String> tracks = PlaylistCalls.playableTracks(listener, 2);
        String playlist = PlaylistCalls.create(listener, "Retraits", "PRIVATE");
        PlaylistCalls.add(listener, playlist, 1, tracks, null).statusCode(200);

        CatalogEvents.publish(CatalogEvents.revision(tracks.get(0), 2, TrackStatus.TAKEN_DOWN, "Piste 0", List.of("Anonyme"), null, "pop"));
        await().atMost(Duration.ofSeconds(60)).until(() -> given().auth().oauth2(listener)
                .get("/api/catalog/tracks/" + tracks.get(0)).statusCode() == 410);

        assertEquals(List.of(tracks.get(1)), PlaylistCalls.trackIds(listener, playlist, "playable"));
        List<String[]> all = PlaylistCalls.entries(listener, playlist, "all");
        assertEquals(List.of(tracks.get(0), tracks.get(1)), all.stream().map(entry -> entry[1]).toList());
        assertEquals(List.of("false", "true"), all.stream().map(entry -> entry[2]).toList());

        PlaylistCalls.add(listener, playlist, 2, List.of(tracks.get(1), tracks.get(0)), null).statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("trackIds[1]"))
                .body("errors.message", hasItem(containsString("taken down")));
        PlaylistCalls.add(listener, playlist, 2, List.of(UUID.randomUUID().toString()), null).statusCode(422)
                .body("errors.field", hasItem("trackIds[0]"));
        // Nothing half-written: the refused additions left the playlist as it was.
        PlaylistCalls.get(listener, playlist).statusCode(200).body("trackCount", is(2)).body("version", is(2));
    }

    @Test
    void badEditsAreClearProblems() {
        String listener = tokens().listener();
        List<String> tracks = PlaylistCalls.playableTracks(listener, 1);
        String playlist = PlaylistCalls.create(listener, "Erreurs", "PRIVATE");
        PlaylistCalls.add(listener, playlist, 1, tracks, null).statusCode(200);
        String entry = PlaylistCalls.entries(listener, playlist, "all").getFirst()[0];

        PlaylistCalls.add(listener, playlist, 2, tracks, 5).statusCode(422).body("errors.field", hasItem("index"));
        PlaylistCalls.move(listener, playlist, 2, entry, 1).statusCode(422).body("errors.field", hasItem("index"));
        PlaylistCalls.move(listener, playlist, 2, UUID.randomUUID().toString(), 0).statusCode(404).contentType("application/problem+json");
        PlaylistCalls.add(listener, playlist, 1, tracks, null).statusCode(412).header("ETag", "\"2\"");
        given().auth().oauth2(listener).contentType("application/json").body("{\"trackIds\": [\"" + tracks.getFirst() + "\"]}")
                .post("/api/catalog/playlists/" + playlist + "/tracks").then().statusCode(428).contentType("application/problem+json");
        for (String body : List.of("{\"trackIds\": []}", "{}", "{\"trackIds\": [\"not-a-uuid\"]}", "{\"trackIds\": [\"" + tracks.getFirst()
                + "\"], \"index\": -1}")) {
            given().auth().oauth2(listener).contentType("application/json").header("If-Match", "\"2\"").body(body)
                    .post("/api/catalog/playlists/" + playlist + "/tracks").then().statusCode(400).contentType("application/problem+json");
        }
        List<String> tooMany = Collections.nCopies(101, tracks.getFirst());
        PlaylistCalls.add(listener, playlist, 2, tooMany, null).statusCode(400).body("errors.field", hasItem(containsString("trackIds")));
        PlaylistCalls.move(listener, playlist, 2, entry, -1).statusCode(400);
        given().auth().oauth2(listener).queryParam("view", "some").get("/api/catalog/playlists/" + playlist + "/tracks").then()
                .statusCode(400).body("errors.field", hasItem("view"));
        given().auth().oauth2(listener).queryParam("limit", 101).get("/api/catalog/playlists/" + playlist + "/tracks").then()
                .statusCode(400).body("errors.field", hasItem("limit"));
        given().auth().oauth2(listener).queryParam("cursor", "garbage").get("/api/catalog/playlists/" + playlist + "/tracks").then()
                .statusCode(400).body("errors.field", hasItem("cursor"));
        PlaylistCalls.get(listener, playlist).statusCode(200).body("trackCount", is(1)).body("version", is(2));
    }

    @Test
    void aMoveWritesOneRowAndManyMovesIntoOneSpotKeepTheOrder() throws SQLException {
        String listener = tokens().listener();
        List<String> tracks = PlaylistCalls.playableTracks(listener, 1);
        String playlist = PlaylistCalls.create(listener, "Mouvements", "PRIVATE");
        PlaylistCalls.add(listener, playlist, 1, Collections.nCopies(30, tracks.getFirst()), null).statusCode(200);
        List<String> model = new ArrayList<>(PlaylistCalls.entries(listener, playlist, "all").stream().map(entry -> entry[0]).toList());
        long version = 2;

        Map<String, Long> before = positions(playlist);
        PlaylistCalls.move(listener, playlist, version++, model.get(29), 3).statusCode(200);
        model.add(3, model.remove(29));
        Map<String, Long> after = positions(playlist);
        assertEquals(1, before.keySet().stream().filter(entry -> !before.get(entry).equals(after.get(entry))).count(),
                "a move writes the moved entry only");

        // Each move takes the last entry to index 1: the same gap is halved until it is used up and the
        // playlist is spread out again; the order must stay what a list would give.
        for (int move = 0; move < 30; move++) {
            PlaylistCalls.move(listener, playlist, version++, model.get(29), 1).statusCode(200);
            model.add(1, model.remove(29));
        }
        assertEquals(model, PlaylistCalls.entries(listener, playlist, "all").stream().map(entry -> entry[0]).toList());
    }

    @Test
    void aPlaylistHoldsTenThousandTracksAndNoMore() throws SQLException {
        String listener = tokens().listener();
        List<String> tracks = PlaylistCalls.playableTracks(listener, 1);
        String playlist = PlaylistCalls.create(listener, "Dix mille", "PRIVATE");
        List<String> hundred = Collections.nCopies(100, tracks.getFirst());
        long version = 1;
        for (int i = 0; i < 100; i++) {
            PlaylistCalls.add(listener, playlist, version++, hundred, null).statusCode(200);
        }
        PlaylistCalls.get(listener, playlist).statusCode(200).body("trackCount", is(10_000));
        PlaylistCalls.add(listener, playlist, version, List.of(tracks.getFirst()), null).statusCode(422)
                .body("errors.field", hasItem("trackIds")).body("detail", containsString("10000"));

        // The last of 10,000 to the start: one row written.
        String last = lastEntry(playlist);
        Map<String, Long> before = positions(playlist);
        PlaylistCalls.move(listener, playlist, version, last, 0).statusCode(200);
        Map<String, Long> after = positions(playlist);
        assertEquals(List.of(last), before.keySet().stream().filter(entry -> !before.get(entry).equals(after.get(entry))).toList());
        given().auth().oauth2(listener).queryParam("view", "all").queryParam("limit", 1).get("/api/catalog/playlists/" + playlist + "/tracks")
                .then().body("items[0].id", is(last));
    }

    private Map<String, Long> positions(String playlist) throws SQLException {
        Map<String, Long> positions = new HashMap<>();
        try (Connection connection = database.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT id, position FROM catalog.playlist_entry WHERE playlist_id = ?")) {
            query.setObject(1, UUID.fromString(playlist));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    positions.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        return positions;
    }

    private String lastEntry(String playlist) throws SQLException {
        try (Connection connection = database.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT id FROM catalog.playlist_entry WHERE playlist_id = ? ORDER BY position DESC LIMIT 1")) {
            query.setObject(1, UUID.fromString(playlist));
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        }
    }
}
