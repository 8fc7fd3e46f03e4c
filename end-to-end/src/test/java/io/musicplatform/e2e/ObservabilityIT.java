package io.musicplatform.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.musicplatform.realservers.PrometheusServer;
import io.musicplatform.realservers.ServiceProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;

import static io.musicplatform.e2e.EndToEnd.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The platform as an SRE sees it: a real Prometheus scrapes every service and the gateway during the
 * suite; each is {@code up}, and the key metrics move when the platform works: plays granted and
 * published, plays counted, consumer lag, ingestion jobs, search latency.
 */
@ExtendWith(PlatformExtension.class)
class ObservabilityIT {

    /** Two scrapes (one a second) and some slack on a busy machine. */
    private static final Duration SCRAPED_WITHIN = Duration.ofSeconds(15);

    @Test
    void everyServiceIsUpInPrometheus(EndToEnd platform) {
        PrometheusServer prometheus = platform.prometheus();
        for (ServiceProcess service : platform.platform().services()) {
            prometheus.awaitQuery("up{job=\"" + service.name() + "\"} == 1", samples -> samples.size() == 1, SCRAPED_WITHIN);
        }
    }

    @Test
    void theKeyMetricsMoveWhenThePlatformWorks(EndToEnd platform) {
        PrometheusServer prometheus = platform.prometheus();
        String granted = "sum(music_plays_granted_total{job=\"playback-service\"})";
        String published = "sum(music_events_published_total{job=\"playback-service\",topic=\"track-played\"})";
        String counted = "sum(music_plays_counted_total{job=\"stats-service\"})";
        String searches = "sum(music_search_latency_seconds_count{job=\"search-service\"})";
        double grantedBefore = value(prometheus, granted);
        double publishedBefore = value(prometheus, published);
        double countedBefore = value(prometheus, counted);
        double searchesBefore = value(prometheus, searches);

        String listener = platform.listener();
        String track = PlaylistsAndRatingsIT.demoTracks(platform, listener, 1).get(0);
        platform.play(listener, track);
        ListenerJourneyIT.search(platform, listener, "amelie");
        String operator = platform.operator();
        String replay = platform.as(operator).post("/api/ingestion/replays").then().statusCode(202).extract().header("Location");
        EndToEnd.within(Duration.ofSeconds(60), "a replay of every track", () -> {
            JsonNode job = json(platform.as(operator).get(replay).then().statusCode(200).extract().asString());
            assertThat(job.path("state").asText()).isEqualTo("SUCCEEDED");
            return null;
        });

        awaitAbove(prometheus, granted, grantedBefore);
        awaitAbove(prometheus, published, publishedBefore);
        awaitAbove(prometheus, counted, countedBefore);
        awaitAbove(prometheus, searches, searchesBefore);
        prometheus.awaitQuery("music_job_progress{job=\"ingestion-service\",kind=\"replay\",state=\"done\"} > 0",
                samples -> samples.size() == 1, SCRAPED_WITHIN);
        // Every consumer's lag is a series per topic, group and partition, and settles to zero.
        for (String consumer : List.of("catalog-service", "playback-service", "search-service", "stats-service")) {
            prometheus.awaitQuery("sum(music_consumer_lag{job=\"" + consumer + "\"}) == 0", samples -> samples.size() == 1, Duration.ofSeconds(60));
        }
        assertThat(prometheus.query("count(music_consumer_lag{job=\"stats-service\",topic=\"track-played\"})"))
                .singleElement().satisfies(sample -> assertThat(sample.value()).isPositive());
    }

    private static double value(PrometheusServer prometheus, String expression) {
        List<PrometheusServer.Sample> samples = prometheus.awaitQuery(expression, answer -> answer.size() == 1, SCRAPED_WITHIN);
        return samples.get(0).value();
    }

    private static void awaitAbove(PrometheusServer prometheus, String expression, double before) {
        prometheus.awaitQuery(expression, samples -> samples.size() == 1 && samples.get(0).value() > before, SCRAPED_WITHIN);
    }
}
