package io.musicplatform.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.musicplatform.events.TopicCreator;
import io.musicplatform.events.Topics;
import io.musicplatform.events.TrackIngested;
import io.musicplatform.realservers.RealServers;
import io.musicplatform.realservers.ServerKind;
import io.musicplatform.realservers.SharedRealServers;
import io.musicplatform.servicetesting.LaunchedService;
import io.musicplatform.servicetesting.ServiceLauncher;
import io.musicplatform.servicetesting.TestEvents;
import io.musicplatform.servicetesting.TestTokens;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two packaged replicas on the same index: while one runs a re-index the other refuses to start a
 * second (409 naming the first); the one running it is killed with {@code kill -9} half-way, and the
 * other takes the job up once its lease has expired, from where it stood, and finishes it: the alias
 * moves to the new index, which holds every track. Then a replica stopped (not killed) in the middle of
 * the next job hands it over, and resumes it once started again.
 */
class ReindexAcrossReplicasIT {

    private static final Set<ServerKind> SERVERS = Set.of(ServerKind.KAFKA, ServerKind.OPENSEARCH, ServerKind.KEYCLOAK);
    private static final Duration PATIENCE = Duration.ofSeconds(180);
    private static final int TRACKS = 3_000;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void anotherReplicaResumesAReindexWhoseReplicaDied() throws Exception {
        RealServers servers = SharedRealServers.start(SERVERS);
        String bootstrap = servers.kafka().bootstrapServers();
        TopicCreator.ensure(bootstrap, List.of(Topics.spec(Topics.TRACK_INGESTED), Topics.spec(Topics.TRACK_PLAYED)), Duration.ofSeconds(30));
        String genre = "resume-" + UUID.randomUUID().toString().substring(0, 8);
        TestEvents.publish(bootstrap, IntStream.range(0, TRACKS)
                .mapToObj(i -> SearchApiTest.track("Reprise " + i, List.of("Ensemble " + i % 40), null, genre, 2000 + i % 20))
                .toArray(TrackIngested[]::new));
        String operator = TestTokens.of(servers.keycloak()).operator();

        // Ten records per bulk request: the job takes hundreds of requests, long enough to be caught half-way.
        ServiceLauncher launcher = ServiceLauncher.of(Path.of("")).withServers(servers, SERVERS)
                .withProperty("music.search.reindex.batch-size", "10")
                .withProperty("music.search.reindex.lease", "PT4S")
                .withProperty("quarkus.log.console.json.enabled", "false");
        try (LaunchedService first = launcher.start(); LaunchedService second = launcher.start()) {
            first.awaitReady(PATIENCE);
            second.awaitReady(PATIENCE);
            await().atMost(PATIENCE).until(() -> total(second, operator, genre) == TRACKS);
            String before = aliasTarget(servers);

            HttpResponse<String> started = send(first, "POST", "/api/search/reindex", operator);
            assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
            String id = json.readTree(started.body()).path("id").asText();
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50)).until(() -> {
                JsonNode job = job(first, operator, id);
                return job.path("done").asLong() >= TRACKS / 10;
            });

            HttpResponse<String> refused = send(second, "POST", "/api/search/reindex", operator);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
            assertThat(refused.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("/reindex/" + id));
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));

            JsonNode killedAt = job(first, operator, id);
            first.kill();
            assertThat(killedAt.path("state").asText()).as("the job when its replica was killed: %s", killedAt).isEqualTo("RUNNING");
            assertThat(killedAt.path("done").asLong()).isLessThan(killedAt.path("total").asLong());

            await().atMost(PATIENCE).until(() -> job(second, operator, id).path("state").asText().matches("SUCCEEDED|FAILED"));
            JsonNode job = job(second, operator, id);
            assertThat(job.path("state").asText()).as("job %s", job).isEqualTo("SUCCEEDED");
            assertThat(job.path("resumes").asInt()).isEqualTo(1);
            assertThat(job.path("failed").asLong()).isZero();
            assertThat(job.path("total").asLong()).isGreaterThanOrEqualTo(TRACKS);
            assertThat(job.path("done").asLong()).isEqualTo(job.path("total").asLong());
            assertThat(job.path("fromIndex").asText()).isEqualTo(before);
            assertThat(aliasTarget(servers)).isEqualTo(job.path("toIndex").asText()).isNotEqualTo(before);
            assertThat(total(second, operator, genre)).isEqualTo(TRACKS);
            // It went on from the offsets the first replica committed rather than from the beginning.
            assertThat(Files.readString(second.logFile())).contains("resuming " + job.path("toIndex").asText());
            await().atMost(PATIENCE).until(() -> status(servers, "HEAD", "/" + before) == 404);

            // The lease went with the job: a new re-index starts. Its replica, stopped half-way, hands it
            // over on its way out and, started again, resumes it.
            HttpResponse<String> next = send(second, "POST", "/api/search/reindex", operator);
            assertThat(next.statusCode()).as(next.body()).isEqualTo(202);
            String nextId = json.readTree(next.body()).path("id").asText();
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50))
                    .until(() -> job(second, operator, nextId).path("done").asLong() >= TRACKS / 10);
            second.stop();
            assertThat(Files.readString(second.logFile())).contains("Re-index " + nextId + " stops with this replica");
            second.restart().awaitReady(PATIENCE);
            await().atMost(PATIENCE).until(() -> job(second, operator, nextId).path("state").asText().matches("SUCCEEDED|FAILED"));
            JsonNode resumed = job(second, operator, nextId);
            assertThat(resumed.path("state").asText()).as("job %s", resumed).isEqualTo("SUCCEEDED");
            assertThat(resumed.path("resumes").asInt()).isEqualTo(1);
            assertThat(total(second, operator, genre)).isEqualTo(TRACKS);
        }
    }

    private long total(LaunchedService service, String token, String genre) throws Exception {
        HttpResponse<String> answer = send(service, "GET", "/api/search?size=1&genre=" + URLEncoder.encode(genre, StandardCharsets.UTF_8), token);
        return answer.statusCode() == 200 ? json.readTree(answer.body()).path("total").asLong() : -1;
    }

    private JsonNode job(LaunchedService service, String token, String id) throws Exception {
        HttpResponse<String> answer = send(service, "GET", "/api/search/reindex/" + id, token);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return json.readTree(answer.body());
    }

    private HttpResponse<String> send(LaunchedService service, String method, String path, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(service.baseUri().resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String aliasTarget(RealServers servers) throws Exception {
        HttpResponse<String> aliases = http.send(HttpRequest.newBuilder(URI.create(servers.openSearch().url() + "/_alias/tracks")).build(),
                HttpResponse.BodyHandlers.ofString());
        return json.readTree(aliases.body()).fieldNames().next();
    }

    private int status(RealServers servers, String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(servers.openSearch().url() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
