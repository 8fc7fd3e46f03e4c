package io.musicplatform.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;

import static io.musicplatform.e2e.EndToEnd.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Journey 1 (UC-01 to UC-04): a listener logs in, finds a track by a misspelt and by an accent-free
 * name, opens it, presses play, streams the audio straight from storage (whole and by range), and
 * finds the play in their stats, their history and the track's count within
 * {@link EndToEnd#VISIBLE_WITHIN}.
 */
@ExtendWith(PlatformExtension.class)
class ListenerJourneyIT {

    private static final HttpClient STORAGE = HttpClient.newHttpClient();

    @Test
    void aListenerFindsOpensPlaysStreamsAndSeesTheirPlayCounted(EndToEnd platform) throws Exception {
        String token = platform.listener();

        // UC-06 with a typo ("Laurencn") and without the accent ("Amelie"): the demo library's Amélie Laurençon.
        JsonNode misspelt = search(platform, token, "Amelie Laurencn");
        JsonNode unaccented = search(platform, token, "amelie laurencon");
        for (JsonNode results : List.of(misspelt, unaccented)) {
            assertThat(results.path("total").asLong()).as(results.toString()).isPositive();
            assertThat(results.path("items").get(0).path("artists").toString()).contains("Amélie Laurençon");
        }
        String trackId = unaccented.path("items").get(0).path("trackId").asText();

        // UC-01: the track's page.
        JsonNode track = json(platform.as(token).get("/api/catalog/tracks/{id}", trackId).then().statusCode(200).extract().asString());
        assertThat(track.path("title").asText()).isNotBlank();
        assertThat(track.toString()).contains("Amélie Laurençon");

        platform.awaitPlaysCounted(token);
        JsonNode userBefore = json(platform.as(token).get("/api/stats/users/me").then().statusCode(200).extract().asString());
        long trackPlaysBefore = json(platform.as(token).get("/api/stats/tracks/{id}", trackId).then().statusCode(200)
                .extract().asString()).path("plays").asLong();

        // UC-02: play; the answer is a signed URL straight to the storage.
        Response play = platform.play(token, trackId, "{\"platform\":\"web\",\"device\":\"computer\"}", null);
        assertThat(play.statusCode()).as(play.asString()).isEqualTo(200);
        JsonNode grant = json(play.asString());
        String playId = grant.path("playId").asText();
        URI streamUrl = URI.create(grant.path("streamUrl").asText());
        assertThat(streamUrl.getPort()).as("the audio comes from the storage, not through the gateway").isNotEqualTo(platform.gateway().getPort());

        HttpResponse<byte[]> whole = STORAGE.send(HttpRequest.newBuilder(streamUrl).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body().length).isGreaterThan(1_000);
        HttpResponse<byte[]> range = STORAGE.send(HttpRequest.newBuilder(streamUrl).header("Range", "bytes=100-611").GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.body()).isEqualTo(Arrays.copyOfRange(whole.body(), 100, 612));

        // UC-03 and UC-04: counted once, asynchronously, and visible within the promised time.
        EndToEnd.within(EndToEnd.VISIBLE_WITHIN, "a play in the listener's stats, history and the track's count", () -> {
            JsonNode user = json(platform.as(token).get("/api/stats/users/me").then().statusCode(200).extract().asString());
            assertThat(user.path("plays").asLong()).isEqualTo(userBefore.path("plays").asLong() + 1);
            assertThat(user.path("lastPlayedTrackId").asText()).isEqualTo(trackId);
            JsonNode history = json(platform.as(token).queryParam("limit", 10).get("/api/stats/users/me/history")
                    .then().statusCode(200).extract().asString());
            assertThat(history.path("items").get(0).path("playId").asText()).isEqualTo(playId);
            assertThat(history.path("items").get(0).path("trackId").asText()).isEqualTo(trackId);
            JsonNode counted = json(platform.as(token).get("/api/stats/tracks/{id}", trackId).then().statusCode(200).extract().asString());
            assertThat(counted.path("plays").asLong()).isEqualTo(trackPlaysBefore + 1);
            return null;
        });
    }

    static JsonNode search(EndToEnd platform, String token, String query) {
        return json(platform.as(token).queryParam("q", query).get("/api/search").then().statusCode(200).extract().asString());
    }
}
