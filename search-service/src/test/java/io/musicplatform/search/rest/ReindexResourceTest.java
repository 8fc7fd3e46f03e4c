package io.musicplatform.search.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.musicplatform.events.TrackIngested;
import io.musicplatform.realservers.RealServersTestResource;
import io.musicplatform.search.SearchApiTest;
import io.musicplatform.servicetesting.TestEvents;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.elasticsearch.client.Request;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.oneOf;
import static org.hamcrest.Matchers.startsWith;

/**
 * Re-index with zero downtime on the real servers: while searches keep coming, the job builds the
 * next index from track-ingested, carries popularity over, takes in what arrives meanwhile, and
 * moves the alias; no search fails or comes back empty on the way.
 */
@QuarkusTest
@WithTestResource(value = RealServersTestResource.class,
        initArgs = @ResourceArg(name = RealServersTestResource.SERVERS, value = "kafka,opensearch,keycloak"))
class ReindexResourceTest extends SearchApiTest {

    @Inject
    MeterRegistry registry;

    @Test
    void rebuildsTheIndexWhileSearchesGoOnAndKeepsPopularity() throws Exception {
        String genre = uniqueGenre();
        List<TrackIngested> catalog = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            catalog.add(track("Chanson numéro " + i, List.of("Orchestre " + (i % 7)), "Recueil " + (i % 5), genre, 1990 + i % 30));
        }
        TrackIngested played = track("Le Temps des cerises", List.of("Yves Montand"), null, genre, 1955);
        catalog.add(played);
        published(catalog.toArray(TrackIngested[]::new));
        play(played.trackId(), 25);
        await().atMost(PATIENCE).until(() -> stored(played.trackId()).path("plays").asLong() == 25);
        String before = aliasTarget();

        AtomicBoolean searching = new AtomicBoolean(true);
        AtomicInteger searches = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        String token = tokens().listener();
        Thread searcher = new Thread(() -> {
            while (searching.get()) {
                long start = System.nanoTime();
                Response answer = given().auth().oauth2(token).queryParam("q", "temps des cerises").queryParam("genre", genre)
                        .get("/api/search");
                latencies.add(System.nanoTime() - start);
                searches.incrementAndGet();
                if (answer.statusCode() != 200) {
                    failures.add(answer.statusCode() + " " + answer.asString());
                } else if (answer.jsonPath().getInt("total") == 0) {
                    failures.add("empty result");
                }
            }
        }, "continuous-search");
        searcher.start();
        try {
            given().auth().oauth2(tokens().listener()).post("/api/search/reindex").then().statusCode(403);
            Response started = given().auth().oauth2(tokens().operator()).post("/api/search/reindex");
            started.then().statusCode(202).header("Location", startsWith("http"))
                    .body("kind", is("reindex")).body("state", oneOf("PENDING", "RUNNING"));
            String location = started.getHeader("Location");

            // Arrives while the job runs (or just after it): must be in the new index either way.
            TrackIngested late = track("Arrivée pendant la reconstruction", List.of("Barbara"), null, genre, 1970);
            TestEvents.publish(late);

            await().atMost(PATIENCE).until(() -> !given().auth().oauth2(tokens().operator()).get(location).jsonPath()
                    .getString("state").matches("PENDING|RUNNING"));
            JsonNode job = json.readTree(given().auth().oauth2(tokens().operator()).get(location).then().statusCode(200)
                    .extract().asString());
            assertThat(job.path("state").asText()).as("job %s", job).isEqualTo("SUCCEEDED");
            assertThat(job.path("total").asLong()).isGreaterThanOrEqualTo(catalog.size());
            assertThat(job.path("done").asLong()).isGreaterThanOrEqualTo(job.path("total").asLong());
            assertThat(job.path("fromIndex").asText()).isEqualTo(before);
            assertThat(job.path("toIndex").asText()).isEqualTo(aliasTarget()).isNotEqualTo(before);
            // Kept in the jobs index too, where any replica, or this one after a restart, reads it.
            JsonNode kept = json.readTree(indexClient.performRequest(new Request("GET", "/tracks-jobs/_doc/" + job.path("id").asText()))
                    .getEntity().getContent());
            assertThat(kept.path("_source").path("state").asText()).isEqualTo("SUCCEEDED");
            assertThat(kept.path("_source").path("done").asLong()).isEqualTo(job.path("done").asLong());
            assertThat(registry.get("music.job.progress").tag("kind", "reindex").tag("state", "SUCCEEDED").gauge().value()).isEqualTo(1.0);

            await().atMost(PATIENCE).until(() -> stored(late.trackId()) != null);
            refresh();
            search("q", "arrivee pendant la reconstruction", "genre", genre).statusCode(200).body("items[0].trackId", is(late.trackId()));
            search("q", "le temps des cerises", "genre", genre).statusCode(200)
                    .body("items[0].trackId", is(played.trackId())).body("items[0].plays", is(25));
            search("genre", genre, "size", 1).statusCode(200).body("total", is(catalog.size() + 1));
            // The old index goes once searches on it have had time to finish.
            await().atMost(PATIENCE).until(() -> indexClient.performRequest(new Request("HEAD", "/" + before))
                    .getStatusLine().getStatusCode() == 404);
        } finally {
            searching.set(false);
            searcher.join();
        }
        assertThat(failures).as("searches that failed or came back empty, of %d", searches.get()).isEmpty();
        assertThat(searches.get()).isGreaterThan(5);
        List<Long> sorted = latencies.stream().sorted().toList();
        System.out.printf("Searches during the re-index: %d, none failed; latency through the service p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                sorted.size(), sorted.get(sorted.size() / 2) / 1e6, sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(sorted.size() * 0.99) - 1)) / 1e6,
                sorted.getLast() / 1e6);
    }

    @Test
    void answersAnUnknownJobWith404() {
        given().auth().oauth2(tokens().operator()).get("/api/search/reindex/" + java.util.UUID.randomUUID()).then()
                .statusCode(404).contentType(startsWith("application/problem+json"));
    }

    private String aliasTarget() throws Exception {
        JsonNode aliases = json.readTree(indexClient.performRequest(new Request("GET", "/_alias/tracks")).getEntity().getContent());
        return aliases.fieldNames().next();
    }
}
