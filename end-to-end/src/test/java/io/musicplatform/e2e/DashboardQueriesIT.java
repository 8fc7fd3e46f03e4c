package io.musicplatform.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.musicplatform.realservers.PrometheusServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Grafana dashboards the chart ships (deploy/helm/music-platform/dashboards) against the real
 * Prometheus that scrapes the running platform, as Grafana would ask it: every panel's every query,
 * with the dashboard's variables filled in (each variable's default, and "All" where a variable
 * allows it; {@code $__rate_interval} as 5m), must be valid PromQL and return at least one number.
 * No Grafana server can run here, so this is the check that a panel would not stay empty.
 */
@ExtendWith(PlatformExtension.class)
class DashboardQueriesIT {

    private static final Path DASHBOARDS = Path.of(System.getProperty("music.root", "..")).toAbsolutePath().normalize()
            .resolve("deploy/helm/music-platform/dashboards");
    private static final Map<String, String> GRAFANA_INTERVALS = Map.of("$__rate_interval", "5m", "$__interval", "1m", "$__range", "1h");
    private static final Duration SCRAPED_WITHIN = Duration.ofSeconds(15);

    @Test
    void everyPanelOfEveryDashboardHasData(EndToEnd platform) throws IOException {
        PrometheusServer prometheus = platform.prometheus();
        useEveryService(platform);
        List<Path> dashboards = dashboards();
        assertThat(dashboards).extracting(path -> path.getFileName().toString()).contains(
                "music-platform-overview.json", "music-stats-pipeline.json", "music-search.json", "music-ingestion.json", "music-jvm-http.json");

        List<String> empty = new ArrayList<>();
        int queries = 0;
        for (Path file : dashboards) {
            JsonNode dashboard = EndToEnd.JSON.readTree(file.toFile());
            for (Map<String, String> variables : variableSets(dashboard)) {
                for (JsonNode panel : dashboard.path("panels")) {
                    for (JsonNode target : panel.path("targets")) {
                        String expression = fill(target.path("expr").asText(), variables);
                        queries++;
                        List<PrometheusServer.Sample> samples = prometheus.query(expression);
                        if (samples.stream().noneMatch(sample -> !Double.isNaN(sample.value()))) {
                            empty.add(file.getFileName() + " / " + panel.path("title").asText() + " " + variables + ": " + expression);
                        }
                    }
                }
            }
        }
        System.out.printf("dashboards: %d queries over %d dashboards, %d without data%n", queries, dashboards.size(), empty.size());
        assertThat(empty).as("panels without data").isEmpty();
    }

    @Test
    void theServiceVariableListsEveryService(EndToEnd platform) {
        // The variable's query, label_values(up{job=~".+-service"}, job), as the series it reads.
        List<PrometheusServer.Sample> services = platform.prometheus().query("count by (job) (up{job=~\".+-service\"})");
        assertThat(services).extracting(sample -> sample.labels().get("job")).containsExactlyInAnyOrder(
                "catalog-service", "playback-service", "stats-service", "search-service", "ingestion-service");
    }

    /**
     * Recent requests to every service, so that the rate panels have something in their window:
     * once to create the series (a counter born at its first request starts at 1, and a rate needs
     * two samples to see it move), then again once Prometheus has scraped them, until the increase shows.
     */
    private static void useEveryService(EndToEnd platform) {
        PrometheusServer prometheus = platform.prometheus();
        Map<String, String> series = Map.of(
                "play", "http_server_requests_seconds_count{job=\"playback-service\",uri=\"/tracks/{id}/play\"}",
                "search", "music_search_latency_seconds_count{job=\"search-service\",operation=\"search\",outcome=\"success\"}",
                "suggest", "music_search_latency_seconds_count{job=\"search-service\",operation=\"suggest\",outcome=\"success\"}",
                "counted", "music_plays_counted_total{job=\"stats-service\"}",
                "ingestion", "http_server_requests_seconds_count{job=\"ingestion-service\"}");
        request(platform);
        series.values().forEach(metric -> prometheus.awaitQuery("count(" + metric + ") > 0", samples -> samples.size() == 1, SCRAPED_WITHIN));
        request(platform);
        series.values().forEach(metric -> prometheus.awaitQuery("sum(increase(" + metric + "[5m])) > 0", samples -> samples.size() == 1, SCRAPED_WITHIN));
    }

    private static void request(EndToEnd platform) {
        String listener = platform.listener();
        String track = PlaylistsAndRatingsIT.demoTracks(platform, listener, 1).get(0);
        platform.play(listener, track);
        platform.awaitPlaysCounted(listener);
        ListenerJourneyIT.search(platform, listener, "amelie");
        platform.as(listener).queryParam("q", "ame").get("/api/search/suggest").then().statusCode(200);
        platform.as(listener).get("/api/stats/users/me").then().statusCode(200);
        platform.as(platform.operator()).get("/api/ingestion/tracks/{id}", track).then().statusCode(200);
    }

    /** The variable values a dashboard is checked with: each variable's default, then "All" for those that allow it. */
    private static List<Map<String, String>> variableSets(JsonNode dashboard) {
        Map<String, String> defaults = new LinkedHashMap<>();
        Map<String, String> all = new LinkedHashMap<>();
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (variable.path("type").asText().equals("datasource")) {
                continue;
            }
            String name = variable.path("name").asText();
            String current = variable.path("current").path("value").asText();
            String allValue = variable.path("allValue").asText();
            boolean includeAll = variable.path("includeAll").asBoolean();
            defaults.put(name, current.equals("$__all") ? allValue : current);
            if (includeAll) {
                all.put(name, allValue);
            }
        }
        List<Map<String, String>> sets = new ArrayList<>();
        sets.add(defaults);
        if (!all.isEmpty() && !all.equals(defaults)) {
            Map<String, String> withAll = new LinkedHashMap<>(defaults);
            withAll.putAll(all);
            sets.add(withAll);
        }
        return sets;
    }

    private static String fill(String expression, Map<String, String> variables) {
        String filled = expression;
        for (Map.Entry<String, String> interval : GRAFANA_INTERVALS.entrySet()) {
            filled = filled.replace(interval.getKey(), interval.getValue());
        }
        for (Map.Entry<String, String> variable : variables.entrySet()) {
            filled = filled.replace("${" + variable.getKey() + "}", variable.getValue()).replace("$" + variable.getKey(), variable.getValue());
        }
        assertThat(filled).as("every variable of '%s' filled", expression).doesNotContain("$");
        return filled;
    }

    private static List<Path> dashboards() throws IOException {
        try (Stream<Path> files = Files.list(DASHBOARDS)) {
            return files.filter(file -> file.toString().endsWith(".json")).sorted().toList();
        }
    }
}
