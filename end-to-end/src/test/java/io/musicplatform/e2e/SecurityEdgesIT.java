package io.musicplatform.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static io.musicplatform.e2e.EndToEnd.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Journey 6: the security edges, through the gateway, on every service: no token, an expired token
 * and a token signed by another key are 401; a listener calling an operator's endpoint is 403; a
 * tampered media URL is refused by the storage itself.
 */
@ExtendWith(PlatformExtension.class)
class SecurityEdgesIT {

    /** One endpoint of each service. */
    private static final List<String> ENDPOINTS = List.of("/api/catalog/genres", "/api/playback/downloads",
            "/api/stats/users/me", "/api/search?q=amelie", "/api/ingestion/admin/topics");
    /** Operators' endpoints: a listener is refused. */
    private static final Map<String, String> OPERATOR_ENDPOINTS = Map.of(
            "/api/search/reindex", "POST",
            "/api/ingestion/replays", "POST",
            "/api/stats/admin/topics", "GET",
            "/api/catalog/admin/dead-letters", "GET",
            "/api/playback/admin/topics", "GET");

    @Test
    void withoutAValidTokenEveryServiceAnswers401(EndToEnd platform) {
        String expired = platform.tokens().expired();
        String forged = platform.tokens().foreignKey();
        for (String endpoint : ENDPOINTS) {
            assertUnauthorized(platform.anonymous().get(endpoint), endpoint + " without a token");
            assertUnauthorized(platform.as(expired).get(endpoint), endpoint + " with an expired token");
            assertUnauthorized(platform.as(forged).get(endpoint), endpoint + " with a token signed by another key");
        }
    }

    @Test
    void aListenerCallingAnOperatorsEndpointIs403(EndToEnd platform) {
        String listener = platform.listener();
        OPERATOR_ENDPOINTS.forEach((endpoint, method) -> {
            Response answer = platform.as(listener).request(method, endpoint);
            assertThat(answer.statusCode()).as(method + " " + endpoint + ": " + answer.asString()).isEqualTo(403);
        });
    }

    @Test
    void aTamperedMediaUrlIsRefusedByTheStorage(EndToEnd platform) throws Exception {
        String listener = platform.listener();
        String track = PlaylistsAndRatingsIT.demoTracks(platform, listener, 1).get(0);
        Response granted = platform.play(listener, track, null, null);
        assertThat(granted.statusCode()).as(granted.asString()).isEqualTo(200);
        JsonNode grant = json(granted.asString());
        String url = grant.path("streamUrl").asText();
        HttpClient storage = HttpClient.newHttpClient();
        assertThat(get(storage, url)).as("the URL as signed").isEqualTo(200);

        // Another object under the same signature, and the same object with a changed signature.
        String otherObject = url.replaceFirst("(/audio/[0-9a-f])", "$1" + "0");
        int signature = url.indexOf("X-Amz-Signature=") + "X-Amz-Signature=".length();
        String changedSignature = url.substring(0, signature) + (url.charAt(signature) == '0' ? '1' : '0') + url.substring(signature + 1);
        for (String tampered : List.of(otherObject, changedSignature, url.replace("X-Amz-Expires=", "X-Amz-Expires=9"))) {
            assertThat(tampered).isNotEqualTo(url);
            assertThat(get(storage, tampered)).as(tampered).isEqualTo(403);
        }
    }

    private static int get(HttpClient client, String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static void assertUnauthorized(Response answer, String what) {
        assertThat(answer.statusCode()).as(what + ": " + answer.asString()).isEqualTo(401);
    }
}
