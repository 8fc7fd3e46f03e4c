package io.musicplatform.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.UUID;

import static io.musicplatform.e2e.EndToEnd.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Journeys 2 and 3 (UC-07): an admin uploads a new track through the presigned flow, and it is in the
 * catalog, searchable and playable within {@link EndToEnd#PROPAGATED_WITHIN}; a correction of its title
 * and then its takedown reach catalog, search and playback within the same time.
 */
@ExtendWith(PlatformExtension.class)
class OperatorJourneyIT {

    @Test
    void anUploadedTrackIsInTheCatalogSearchableAndPlayableWithinTenSeconds(EndToEnd platform) throws Exception {
        String word = uniqueWord();
        String trackId = Uploads.upload(platform, "Rêverie " + word, "Les Essais");

        String listener = platform.listener();
        EndToEnd.within(EndToEnd.PROPAGATED_WITHIN, "an upload in the catalog, the search and playback", () -> {
            JsonNode track = json(platform.as(listener).get("/api/catalog/tracks/{id}", trackId).then().statusCode(200).extract().asString());
            assertThat(track.path("title").asText()).isEqualTo("Rêverie " + word);
            assertThat(searchIds(platform, listener, word)).contains(trackId);
            platform.play(listener, trackId);
            return null;
        });
    }

    @Test
    void aCorrectionThenATakedownReachCatalogSearchAndPlaybackWithinTenSeconds(EndToEnd platform) throws Exception {
        String before = uniqueWord();
        String after = uniqueWord();
        String trackId = Uploads.upload(platform, "Brouillon " + before, "Les Essais");
        String listener = platform.listener();
        EndToEnd.within(EndToEnd.PROPAGATED_WITHIN, "an upload searchable (before its correction)",
                () -> assertThat(searchIds(platform, listener, before)).contains(trackId));

        Response corrected = platform.as(platform.operator()).contentType("application/json")
                .body("{\"title\":\"Version finale " + after + "\"}").patch("/api/ingestion/tracks/{id}", trackId);
        assertThat(corrected.statusCode()).as(corrected.asString()).isEqualTo(200);
        EndToEnd.within(EndToEnd.PROPAGATED_WITHIN, "a corrected title in the catalog and the search", () -> {
            JsonNode track = json(platform.as(listener).get("/api/catalog/tracks/{id}", trackId).then().statusCode(200).extract().asString());
            assertThat(track.path("title").asText()).isEqualTo("Version finale " + after);
            assertThat(searchIds(platform, listener, after)).contains(trackId);
            assertThat(searchIds(platform, listener, before)).doesNotContain(trackId);
            return null;
        });

        Response takenDown = platform.as(platform.operator()).delete("/api/ingestion/tracks/{id}", trackId);
        assertThat(takenDown.statusCode()).as(takenDown.asString()).isEqualTo(200);
        EndToEnd.within(EndToEnd.PROPAGATED_WITHIN, "a takedown in the catalog (410), the search (gone) and playback (410)", () -> {
            platform.as(listener).get("/api/catalog/tracks/{id}", trackId).then().statusCode(410);
            assertThat(searchIds(platform, listener, after)).doesNotContain(trackId);
            platform.as(listener).post("/api/playback/tracks/{id}/play", trackId).then().statusCode(410)
                    .contentType("application/problem+json");
            return null;
        });
    }

    static java.util.List<String> searchIds(EndToEnd platform, String token, String query) {
        JsonNode results = ListenerJourneyIT.search(platform, token, query);
        java.util.List<String> ids = new java.util.ArrayList<>();
        results.path("items").forEach(item -> ids.add(item.path("trackId").asText()));
        return ids;
    }

    /** A word no other track has: letters only, so the search's analyzers keep it whole. */
    static String uniqueWord() {
        StringBuilder word = new StringBuilder("zq");
        for (char c : UUID.randomUUID().toString().replace("-", "").substring(0, 10).toCharArray()) {
            word.append((char) ('a' + Character.digit(c, 16)));
        }
        return word.toString();
    }
}
