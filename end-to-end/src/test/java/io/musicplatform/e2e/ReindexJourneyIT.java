package io.musicplatform.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static io.musicplatform.e2e.EndToEnd.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Journey 4: an operator re-indexes the search while a listener keeps searching; every search is
 * answered, none empty, and the job ends SUCCEEDED with every track in the new index.
 */
@ExtendWith(PlatformExtension.class)
class ReindexJourneyIT {

    private static final Duration JOB_WITHIN = Duration.ofSeconds(120);

    @Test
    void searchesDuringAReindexAreAllAnsweredAndNeverEmpty(EndToEnd platform) throws Exception {
        String listener = platform.listener();
        long expected = ListenerJourneyIT.search(platform, listener, "amelie").path("total").asLong();
        assertThat(expected).isPositive();

        AtomicBoolean searching = new AtomicBoolean(true);
        AtomicInteger searches = new AtomicInteger();
        List<String> failures = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> client = CompletableFuture.runAsync(() -> {
            while (searching.get()) {
                Response answer = platform.as(listener).queryParam("q", "amelie").get("/api/search");
                searches.incrementAndGet();
                if (answer.statusCode() != 200) {
                    failures.add(answer.statusCode() + " " + answer.asString());
                } else if (json(answer.asString()).path("total").asLong() == 0) {
                    failures.add("an empty result");
                }
            }
        });

        String operator = platform.operator();
        Response started = platform.as(operator).post("/api/search/reindex");
        assertThat(started.statusCode()).as(started.asString()).isEqualTo(202);
        String job = started.header("Location");
        assertThat(job).as("the job's link names the gateway, the address the client called").startsWith(platform.gateway() + "/api/search/reindex/");
        JsonNode done = EndToEnd.within(JOB_WITHIN, "a re-index of the whole catalogue", () -> {
            JsonNode state = json(platform.as(operator).get(job).then().statusCode(200).extract().asString());
            assertThat(state.path("state").asText()).as(state.toString()).isIn("SUCCEEDED", "FAILED");
            return state;
        });
        searching.set(false);
        client.get();

        assertThat(done.path("state").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
        assertThat(done.path("done").asLong()).isEqualTo(done.path("total").asLong()).isPositive();
        assertThat(failures).as("searches while re-indexing (%d made)", searches.get()).isEmpty();
        assertThat(searches.get()).isPositive();
        assertThat(ListenerJourneyIT.search(platform, listener, "amelie").path("total").asLong()).isEqualTo(expected);
    }
}
