package io.musicplatform.catalog.rest;

import io.musicplatform.catalog.CatalogEvents;
import io.musicplatform.events.TrackIngested;
import io.musicplatform.events.TrackStatus;
import io.restassured.response.ValidatableResponse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** The playlist API as a client calls it, for the playlist tests. */
final class PlaylistCalls {

    private PlaylistCalls() {
    }

    /** A new playlist's id; it is at version 1. */
    static String create(String token, String name, String visibility) {
        return given().auth().oauth2(token).contentType("application/json")
                .body("{\"name\": \"" + name + "\", \"visibility\": \"" + visibility + "\"}")
                .post("/api/catalog/playlists").then().statusCode(201).extract().path("id");
    }

    static ValidatableResponse get(String token, String id) {
        return given().auth().oauth2(token).get("/api/catalog/playlists/" + id).then();
    }

    static long version(String token, String id) {
        return get(token, id).statusCode(200).extract().<Number>path("version").longValue();
    }

    static ValidatableResponse add(String token, String id, long version, List<String> trackIds, Integer index) {
        String ids = String.join("\", \"", trackIds);
        String body = "{\"trackIds\": [\"" + ids + "\"]" + (index == null ? "" : ", \"index\": " + index) + "}";
        return given().auth().oauth2(token).contentType("application/json").header("If-Match", "\"" + version + "\"").body(body)
                .post("/api/catalog/playlists/" + id + "/tracks").then();
    }

    static ValidatableResponse move(String token, String id, long version, String entryId, int index) {
        return given().auth().oauth2(token).contentType("application/json").header("If-Match", "\"" + version + "\"")
                .body("{\"index\": " + index + "}")
                .patch("/api/catalog/playlists/" + id + "/tracks/" + entryId).then();
    }

    static ValidatableResponse remove(String token, String id, long version, String entryId) {
        return given().auth().oauth2(token).header("If-Match", "\"" + version + "\"")
                .delete("/api/catalog/playlists/" + id + "/tracks/" + entryId).then();
    }

    static ValidatableResponse rename(String token, String id, long version, String name) {
        return given().auth().oauth2(token).contentType("application/json").header("If-Match", "\"" + version + "\"")
                .body("{\"name\": \"" + name + "\"}")
                .patch("/api/catalog/playlists/" + id).then();
    }

    /** Every entry of the playlist, page after page, as {@code [entryId, trackId, playable]}. */
    static List<String[]> entries(String token, String id, String view) {
        List<String[]> entries = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().auth().oauth2(token).queryParam("view", view).queryParam("limit", 100);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get("/api/catalog/playlists/" + id + "/tracks").then().statusCode(200).extract();
            List<String> entryIds = page.path("items.id");
            List<String> trackIds = page.path("items.trackId");
            List<Boolean> playable = page.path("items.playable");
            for (int i = 0; i < entryIds.size(); i++) {
                entries.add(new String[] {entryIds.get(i), trackIds.get(i), playable.get(i).toString()});
            }
            cursor = page.path("nextCursor");
        } while (cursor != null);
        return entries;
    }

    static List<String> trackIds(String token, String id, String view) {
        return entries(token, id, view).stream().map(entry -> entry[1]).toList();
    }

    /** Playable tracks published on track-ingested, once the catalog shows them. */
    static List<String> playableTracks(String token, int count) {
        List<String> ids = new ArrayList<>();
        List<TrackIngested> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = UUID.randomUUID().toString();
            events.add(CatalogEvents.revision(id, 1, TrackStatus.AVAILABLE, "Piste " + i, List.of("Anonyme"), null, "pop"));
            ids.add(id);
        }
        CatalogEvents.publish(events.toArray(TrackIngested[]::new));
        for (String id : ids) {
            await().atMost(Duration.ofSeconds(60)).until(() -> given().auth().oauth2(token)
                    .get("/api/catalog/tracks/" + id).statusCode() == 200);
        }
        return ids;
    }
}
