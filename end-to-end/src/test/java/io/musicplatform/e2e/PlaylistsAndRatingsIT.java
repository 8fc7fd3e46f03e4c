package io.musicplatform.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static io.musicplatform.e2e.EndToEnd.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Journey 5: a playlist shared between two listeners, edited by both, where two edits made on the
 * same version race and exactly one gets 412; and ratings by both moving a track's average.
 */
@ExtendWith(PlatformExtension.class)
class PlaylistsAndRatingsIT {

    @Test
    void twoListenersShareAPlaylistAndTheirConcurrentEditsAreSerialisedWith412(EndToEnd platform) throws Exception {
        String owner = platform.listener();
        String friend = platform.operator();
        List<String> tracks = demoTracks(platform, owner, 3);

        Response created = platform.as(owner).contentType("application/json").body("{\"name\":\"Soirée d'été\"}").post("/api/catalog/playlists");
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        assertThat(created.header("Location")).startsWith(platform.gateway() + "/api/catalog/playlists/");
        String playlist = json(created.asString()).path("id").asText();
        platform.as(owner).contentType("application/json").header("If-Match", created.header("ETag"))
                .body("{\"trackIds\":[\"" + tracks.get(0) + "\",\"" + tracks.get(1) + "\"]}")
                .post("/api/catalog/playlists/{id}/tracks", playlist).then().statusCode(200);

        // The owner shares it; the friend joins with the link and adds a track of their own.
        JsonNode invitation = json(platform.as(owner).post("/api/catalog/playlists/{id}/invitations", playlist)
                .then().statusCode(201).extract().asString());
        platform.as(friend).contentType("application/json").body("{\"invitation\":\"" + invitation.path("token").asText() + "\"}")
                .post("/api/catalog/playlists/{id}/collaborators", playlist).then().statusCode(200);
        Response seenByFriend = platform.as(friend).get("/api/catalog/playlists/{id}", playlist);
        assertThat(json(seenByFriend.asString()).path("yourRole").asText()).isEqualTo("COLLABORATOR");
        platform.as(friend).contentType("application/json").header("If-Match", seenByFriend.header("ETag"))
                .body("{\"trackIds\":[\"" + tracks.get(2) + "\"]}")
                .post("/api/catalog/playlists/{id}/tracks", playlist).then().statusCode(200);

        // Both rename it from the same version at the same moment: one wins, the other is told it changed.
        String version = platform.as(owner).get("/api/catalog/playlists/{id}", playlist).header("ETag");
        CountDownLatch go = new CountDownLatch(1);
        CompletableFuture<Response> byOwner = rename(platform, owner, playlist, version, "Soirée d'été (owner)", go);
        CompletableFuture<Response> byFriend = rename(platform, friend, playlist, version, "Soirée d'été (friend)", go);
        go.countDown();
        List<Integer> statuses = List.of(byOwner.get().statusCode(), byFriend.get().statusCode());
        assertThat(statuses).containsExactlyInAnyOrder(200, 412);
        Response lost = statuses.get(0) == 412 ? byOwner.get() : byFriend.get();
        assertThat(lost.contentType()).startsWith("application/problem+json");

        JsonNode after = json(platform.as(owner).get("/api/catalog/playlists/{id}", playlist).then().statusCode(200).extract().asString());
        assertThat(after.path("trackCount").asInt()).isEqualTo(3);
        assertThat(after.path("name").asText()).isEqualTo(statuses.get(0) == 200 ? "Soirée d'été (owner)" : "Soirée d'été (friend)");
        JsonNode entries = json(platform.as(friend).get("/api/catalog/playlists/{id}/tracks", playlist).then().statusCode(200).extract().asString());
        List<String> inOrder = new java.util.ArrayList<>();
        entries.path("items").forEach(entry -> inOrder.add(entry.path("trackId").asText()));
        assertThat(inOrder).containsExactlyElementsOf(tracks);
    }

    @Test
    void ratingsByTwoListenersMoveTheTracksAverage(EndToEnd platform) {
        String listener = platform.listener();
        String operator = platform.operator();
        String track = demoTracks(platform, listener, 4).get(3);
        JsonNode before = json(platform.as(listener).get("/api/catalog/tracks/{id}", track).then().statusCode(200).extract().asString()).path("rating");

        platform.as(listener).contentType("application/json").body("{\"stars\":5}").put("/api/catalog/tracks/{id}/rating", track).then().statusCode(200);
        platform.as(operator).contentType("application/json").body("{\"stars\":2}").put("/api/catalog/tracks/{id}/rating", track).then().statusCode(200);
        // The listener changes their mind: their rating moves, it is not counted twice.
        platform.as(listener).contentType("application/json").body("{\"stars\":4}").put("/api/catalog/tracks/{id}/rating", track).then().statusCode(200);

        JsonNode rating = json(platform.as(operator).get("/api/catalog/tracks/{id}", track).then().statusCode(200).extract().asString()).path("rating");
        long count = before.path("count").asLong();
        double sum = before.path("average").asDouble(0) * count;
        assertThat(rating.path("count").asLong()).isEqualTo(count + 2);
        assertThat(rating.path("average").asDouble()).isCloseTo((sum + 6) / (count + 2), within(0.01));
        assertThat(json(platform.as(listener).get("/api/catalog/tracks/{id}/rating", track).then().statusCode(200).extract().asString())
                .path("stars").asInt()).isEqualTo(4);
    }

    private static CompletableFuture<Response> rename(EndToEnd platform, String token, String playlist, String version, String name,
                                                      CountDownLatch go) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                go.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return platform.as(token).contentType("application/json").header("If-Match", version)
                    .body("{\"name\":\"" + name + "\"}").patch("/api/catalog/playlists/{id}", playlist);
        });
    }

    /** The first {@code count} playable tracks by title. */
    static List<String> demoTracks(EndToEnd platform, String token, int count) {
        JsonNode page = json(platform.as(token).queryParam("limit", count).queryParam("sort", "title")
                .get("/api/catalog/tracks").then().statusCode(200).extract().asString());
        List<String> ids = new java.util.ArrayList<>();
        page.path("items").forEach(item -> ids.add(item.path("id").asText()));
        assertThat(ids).hasSize(count);
        return ids;
    }
}
