package io.musicplatform.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.musicplatform.realservers.LocalPlatform;
import io.musicplatform.realservers.PrometheusServer;
import io.musicplatform.realservers.RealServers;
import io.musicplatform.realservers.ServiceProcess;
import io.musicplatform.servicetesting.TestTokens;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The platform the whole suite runs on, booted once per test JVM exactly as {@code bin/platform up}
 * boots it ({@link LocalPlatform}: real servers, the five services, the gateway, the demo library),
 * on free ports in {@code target/platform} (emptied first: every run starts from nothing), with a real Prometheus scraping every service; closed
 * when the last test class is done. Every request
 * goes through the gateway ({@link #as}), with real tokens of the platform's Keycloak ({@link #tokens}).
 *
 * <p>The waits the use cases promise are settings: {@code music.e2e.visible-within} (a play in the
 * listener's stats, default 5 s) and {@code music.e2e.propagated-within} (an operator's change in
 * catalog, search and playback, default 10 s). Each measured wait is printed and appended to
 * {@code target/e2e-timings.txt}.
 */
public final class EndToEnd implements ExtensionContext.Store.CloseableResource {

    /** A play shows in the listener's stats, history and the track's count within this. */
    public static final Duration VISIBLE_WITHIN = setting("music.e2e.visible-within", Duration.ofSeconds(5));
    /** An upload, correction or takedown reaches catalog, search and playback within this. */
    public static final Duration PROPAGATED_WITHIN = setting("music.e2e.propagated-within", Duration.ofSeconds(10));
    private static final Duration POLL = Duration.ofMillis(50);
    private static final Path TIMINGS = Path.of("target", "e2e-timings.txt");
    /** The API paths of the services that read topics, each with its {@code /admin/topics}. */
    private static final List<String> CONSUMING_API_PATHS = List.of("/api/catalog", "/api/playback", "/api/stats", "/api/search");
    static final ObjectMapper JSON = new ObjectMapper();

    private final LocalPlatform platform;
    private final TestTokens tokens;
    /** Every play answered 200 to the suite, by user id: what stats-service must have counted before a test counts from there. */
    private final Map<String, Set<String>> answeredPlays = new ConcurrentHashMap<>();
    private final PrometheusServer prometheus;

    private EndToEnd(LocalPlatform platform, PrometheusServer prometheus) {
        this.platform = platform;
        this.tokens = TestTokens.forRealm(platform.servers().keycloak().realmUrl());
        this.prometheus = prometheus;
    }

    /** Boots the platform; called once per JVM by {@link PlatformExtension}. */
    static EndToEnd boot() {
        Path root = Path.of(System.getProperty("music.root", "..")).toAbsolutePath().normalize();
        Path directory = Path.of("target", "platform").toAbsolutePath();
        // A fresh platform every run, as on a new machine: what an earlier run left (a killed one's
        // processes included) is stopped, then its data removed.
        RealServers.down(directory);
        deleteRecursively(directory);
        long begin = System.nanoTime();
        LocalPlatform platform = LocalPlatform.startAll(directory, root, System.out);
        PrometheusServer prometheus = null;
        try {
            record("platform started (servers, services, gateway, demo library)", Duration.ofNanos(System.nanoTime() - begin));
            Map<String, List<String>> jobs = new LinkedHashMap<>();
            for (ServiceProcess service : platform.services()) {
                jobs.put(service.name(), List.of("127.0.0.1:" + service.managementPort()));
            }
            // Inside the platform's folder: closing the platform, or bin/platform down, stops it too.
            prometheus = PrometheusServer.start(directory.resolve("prometheus"), jobs);
            EndToEnd endToEnd = new EndToEnd(platform, prometheus);
            endToEnd.awaitConsumersSettled();
            return endToEnd;
        } catch (RuntimeException | Error e) {
            if (prometheus != null) {
                prometheus.close();
            }
            platform.close();
            throw e;
        }
    }

    public LocalPlatform platform() {
        return platform;
    }

    public TestTokens tokens() {
        return tokens;
    }

    /** The real Prometheus that scrapes every service (and the gateway) of the platform every second. */
    public PrometheusServer prometheus() {
        return prometheus;
    }

    /** The gateway's address: the one every request of the suite goes to. */
    public URI gateway() {
        return platform.gateway();
    }

    /** A request through the gateway with {@code token} as bearer. */
    public RequestSpecification as(String token) {
        return anonymous().auth().oauth2(token);
    }

    /** A request through the gateway without a token. */
    public RequestSpecification anonymous() {
        return RestAssured.given().baseUri(gateway().toString()).urlEncodingEnabled(true);
    }

    public String listener() {
        return tokens.listener();
    }

    public String operator() {
        return tokens.operator();
    }

    /**
     * Runs {@code probe} until it passes (returns without an assertion error), for at most {@code within};
     * records how long it took under {@code what}, and fails with the probe's last failure past it.
     */
    public static <T> T within(Duration within, String what, Callable<T> probe) {
        long begin = System.nanoTime();
        long deadline = begin + within.toNanos();
        while (true) {
            try {
                T result = probe.call();
                record(what, Duration.ofNanos(System.nanoTime() - begin));
                return result;
            } catch (AssertionError | Exception e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(what + ": not true within " + within.toMillis() + " ms; last: " + e.getMessage(), e);
                }
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting: " + what, e);
            }
        }
    }

    /** Prints a measured time and keeps it in {@code target/e2e-timings.txt}, for the report. */
    public static void record(String what, Duration took) {
        String line = String.format(Locale.ROOT, "%s %8.3f s  %s%n", Instant.now(), took.toNanos() / 1e9, what);
        System.out.print("e2e: " + line);
        try {
            Files.createDirectories(TIMINGS.toAbsolutePath().getParent());
            Files.writeString(TIMINGS, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON answer's tree. */
    public static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    /**
     * The sum of the consumer lag the service reports on its own topics ({@code /admin/topics}, as an
     * operator sees it): 0 once it has read everything published so far.
     */
    private long consumerLag(String apiPath) {
        JsonNode topics = json(as(operator()).get(apiPath + "/admin/topics").then().statusCode(200).extract().asString());
        long lag = 0;
        for (JsonNode topic : topics.isArray() ? topics : topics.path("items")) {
            for (JsonNode partition : topic.path("lag")) {
                lag += partition.path("lag").asLong();
            }
        }
        return lag;
    }

    /**
     * Presses play as the token's user (the body may be null) and, when the play is granted, keeps its
     * id among the user's answered plays; returns the answer as it came.
     */
    public Response play(String token, String trackId, String body, String idempotencyKey) {
        RequestSpecification request = as(token);
        if (body != null) {
            request.contentType("application/json").body(body);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        Response answer = request.post("/api/playback/tracks/{id}/play", trackId);
        if (answer.statusCode() == 200) {
            answeredPlays.computeIfAbsent(TestTokens.subject(token), user -> ConcurrentHashMap.newKeySet())
                    .add(json(answer.asString()).path("playId").asText());
        }
        return answer;
    }

    /** Presses play, which must be granted; returns the play id. */
    public String play(String token, String trackId) {
        Response answer = play(token, trackId, null, null);
        org.assertj.core.api.Assertions.assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(200);
        return json(answer.asString()).path("playId").asText();
    }

    /**
     * Waits until every play this suite was answered as the token's user is in their history: plays
     * travel through playback's outbox and Kafka to stats-service, so a play answered by an earlier
     * test may still be on its way; a test that counts from "before" waits for this first.
     */
    public void awaitPlaysCounted(String token) {
        Set<String> answered = Set.copyOf(answeredPlays.getOrDefault(TestTokens.subject(token), Set.of()));
        within(Duration.ofSeconds(60), "stats-service counted the " + answered.size() + " plays answered so far", () -> {
            Set<String> missing = new HashSet<>(answered);
            historyPlayIds(token).forEach(missing::remove);
            org.assertj.core.api.Assertions.assertThat(missing).as("answered plays not yet in the history").isEmpty();
            return null;
        });
    }

    /** Every play id of the token's user's history, newest first, following the cursor to the end. */
    public List<String> historyPlayIds(String token) {
        List<String> ids = new java.util.ArrayList<>();
        String cursor = null;
        do {
            RequestSpecification request = as(token).queryParam("limit", 100);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonNode page = json(request.get("/api/stats/users/me/history").then().statusCode(200).extract().asString());
            page.path("items").forEach(item -> ids.add(item.path("playId").asText()));
            cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
        } while (cursor != null);
        return ids;
    }

    /**
     * Waits until every service that reads a topic has read everything published so far (consumer lag
     * 0 on each of its topics): at boot, once the demo library is published, and after a test that
     * disturbed the event path (a broker outage).
     */
    public void awaitConsumersSettled() {
        within(Duration.ofSeconds(60), "every consumer caught up (lag 0)", () -> {
            for (String apiPath : CONSUMING_API_PATHS) {
                long lag = consumerLag(apiPath);
                if (lag != 0) {
                    throw new AssertionError(apiPath + " still has " + lag + " records to read");
                }
            }
            return null;
        });
    }

    @Override
    public void close() {
        if (prometheus != null) {
            prometheus.close();
        }
        platform.close();
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not remove the previous run's platform in " + directory, e);
        }
    }

    private static Duration setting(String name, Duration fallback) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? fallback : Duration.parse(value);
    }
}
