package io.musicplatform.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.musicplatform.demo.TaggedAudio;
import io.restassured.response.Response;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static io.musicplatform.e2e.EndToEnd.json;
import static org.assertj.core.api.Assertions.assertThat;

/** An operator's upload through the gateway, as a client does it: announce, PUT to the storage, complete. */
final class Uploads {

    private static final HttpClient STORAGE = HttpClient.newHttpClient();

    private Uploads() {
    }

    /** Uploads a new MP3 file tagged with this title and artist; returns the new track's id. */
    static String upload(EndToEnd platform, String title, String artist) throws Exception {
        String operator = platform.operator();
        byte[] audio = TaggedAudio.bytes(TaggedAudio.Format.MP3, new TaggedAudio.Tags(title, artist, "Essais", "Chanson", 2026, 1));
        Response announced = platform.as(operator).contentType("application/json")
                .body("{\"fileName\":\"essai.mp3\",\"contentType\":\"audio/mpeg\",\"sizeBytes\":" + audio.length + "}")
                .post("/api/ingestion/uploads");
        assertThat(announced.statusCode()).as(announced.asString()).isEqualTo(201);
        JsonNode ticket = json(announced.asString());
        URI uploadUrl = URI.create(ticket.path("uploadUrl").asText());
        assertThat(uploadUrl.getPort()).as("the bytes go straight to the storage").isNotEqualTo(platform.gateway().getPort());
        HttpRequest.Builder put = HttpRequest.newBuilder(uploadUrl).PUT(HttpRequest.BodyPublishers.ofByteArray(audio));
        ticket.path("headers").fields().forEachRemaining(header -> put.header(header.getKey(), header.getValue().asText()));
        assertThat(STORAGE.send(put.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

        Response completed = platform.as(operator).contentType("application/json").body("{}")
                .post("/api/ingestion/uploads/{id}/complete", ticket.path("uploadId").asText());
        assertThat(completed.statusCode()).as(completed.asString()).isEqualTo(201);
        JsonNode track = json(completed.asString()).path("track");
        assertThat(track.path("title").asText()).isEqualTo(title);
        return track.path("id").asText();
    }
}
