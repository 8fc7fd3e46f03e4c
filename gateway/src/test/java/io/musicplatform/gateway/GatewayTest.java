package io.musicplatform.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

/** The gateway in front of a stand-in service: routing by prefix, what passes, streaming, and its own errors. */
@QuarkusTest
@WithTestResource(Upstream.class)
class GatewayTest {

    @TestHTTPResource("/")
    URL gateway;

    @Test
    void passesTheRequestAsItCameWithForwardedHeaders() {
        Response answer = given().header("Authorization", "Bearer a.token.value").header("Content-Type", "application/json")
                .body("{\"name\":\"Été\"}").post("/api/catalog/playlists?limit=5&cursor=abc");
        answer.then().statusCode(200).header("X-Upstream", "catalog")
                .body("method", is("POST"))
                .body("uri", is("/api/catalog/playlists?limit=5&cursor=abc"))
                .body("body", is("{\"name\":\"Été\"}"))
                .body("headers.authorization", is("Bearer a.token.value"))
                .body("headers.x-forwarded-for", is("127.0.0.1"))
                .body("headers.x-forwarded-proto", is("http"))
                .body("headers.x-forwarded-host", is(gateway.getHost() + ":" + gateway.getPort()))
                .body("headers.x-forwarded-port", is(Integer.toString(gateway.getPort())));
    }

    @Test
    void passesTheServicesAnswerWhateverItsStatus() {
        given().get("/api/catalog/teapot").then().statusCode(418).header("X-Upstream", "catalog");
        given().get("/api/catalog").then().statusCode(200).body("uri", is("/api/catalog"));
    }

    @Test
    void routesByWholePathSegments() {
        given().get("/api/catalogue/tracks").then().statusCode(404).contentType(startsWith("application/problem+json"))
                .body("title", is("No service at this path")).body("detail", containsString("/api/catalog/*"))
                .body("instance", is("/api/catalogue/tracks"));
        given().get("/api/elsewhere").then().statusCode(404).contentType(startsWith("application/problem+json"));
        given().get("/api").then().statusCode(404).contentType(startsWith("application/problem+json"));
    }

    @Test
    void givesTheWebAppEveryPathOutsideTheApi() {
        given().get("/").then().statusCode(200).body("uri", is("/"));
        given().get("/relay/api/search?q=x").then().statusCode(200).body("uri", is("/relay/api/search?q=x"));
        given().get("/apiary").then().statusCode(200).body("uri", is("/apiary"));
    }

    @Test
    void answers502WhenTheServiceIsDown() {
        given().get("/api/playback/tracks/1/play").then().statusCode(502).contentType(startsWith("application/problem+json"))
                .body("status", is(502)).body("title", is("playback-service is not answering"))
                .body("instance", is("/api/playback/tracks/1/play"));
    }

    @Test
    void answers504WhenTheServiceIsTooSlow() {
        long started = System.nanoTime();
        given().get("/api/catalog/slow").then().statusCode(504).contentType(startsWith("application/problem+json"))
                .body("status", is(504)).body("title", is("catalog-service answered too slowly"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void streamsServerSentEventsAsTheyCome() throws Exception {
        CompletableFuture<Void> secondEvent = Upstream.server.holdSecondEvent();
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<java.io.InputStream> response = client.send(HttpRequest.newBuilder(URI.create(gateway + "api/catalog/events"))
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
        try (BufferedReader events = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            // The first event arrives while the service still holds the stream open: nothing is buffered.
            CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> readLine(events));
            assertThat(first.get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("data: one");
            assertThat(secondEvent).isNotDone();
            secondEvent.complete(null);
            assertThat(readLine(events)).isEmpty();
            assertThat(readLine(events)).isEqualTo("data: two");
        }
    }

    private static String readLine(BufferedReader reader) {
        try {
            return reader.readLine();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
