package io.musicplatform.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.musicplatform.realservers.RealServers;
import io.musicplatform.realservers.ServerKind;
import io.musicplatform.realservers.ServiceProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kafka goes away under the running platform, as it can in production: every service's readiness
 * ({@code /q/health/ready}, what a Kubernetes readiness probe calls with its own timeout) answers 503
 * DOWN within {@value #DOWN_WITHIN_SECONDS} s of the broker stopping and stays DOWN while it is away;
 * no single readiness request takes {@value #ANSWER_WITHIN_SECONDS} s or more; liveness stays UP all
 * along (a pod must not be restarted because Kafka is away). Kafka is then started again, and the
 * platform is left as the other tests of this JVM expect it: every service ready, every consumer
 * caught up, a fresh play counted.
 */
@ExtendWith(PlatformExtension.class)
class KafkaOutageReadinessIT {

    static final int DOWN_WITHIN_SECONDS = 5;
    static final int ANSWER_WITHIN_SECONDS = 5;
    private static final Duration DOWN_WITHIN = Duration.ofSeconds(DOWN_WITHIN_SECONDS);
    /** Also the HTTP client's timeout: a readiness request that hangs fails the test, it does not block it. */
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(ANSWER_WITHIN_SECONDS);
    /** How long the broker stays away: long enough to see readiness stay DOWN and liveness stay UP. */
    private static final Duration OUTAGE = Duration.ofSeconds(20);
    private static final Duration BACK_WITHIN = Duration.ofSeconds(120);
    private static final Duration POLL = Duration.ofMillis(100);
    /** service-core's readiness check of the broker and the service's topics (TopicsReadinessCheck). */
    private static final String TOPICS_CHECK = "Kafka topics";

    /** One probe request: when it was sent (System.nanoTime), how long it took, what it answered and which checks were DOWN. */
    record Probe(String path, long sentAt, long tookNanos, int status, String health, String downChecks, String error) {

        long answeredAt() {
            return sentAt + tookNanos;
        }

        boolean isDown() {
            return status == 503 && "DOWN".equals(health);
        }

        boolean isUp() {
            return status == 200 && "UP".equals(health);
        }

        @Override
        public String toString() {
            return path + " " + (error != null ? error : status + " " + health + (downChecks.isEmpty() ? "" : " (" + downChecks + ")"))
                    + " in " + tookNanos / 1_000_000 + " ms";
        }
    }

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(ANSWER_WITHIN)
            .build();

    @Test
    void readinessAnswersDownQuicklyAndLivenessStaysUpWhileKafkaIsAway(EndToEnd platform) throws Exception {
        // The five services; the gateway has nothing to do with Kafka.
        List<ServiceProcess> services = platform.platform().services().stream()
                .filter(service -> service.name().endsWith("-service")).toList();
        assertThat(services).hasSize(5);
        for (ServiceProcess service : services) {
            service.awaitReady(BACK_WITHIN);
        }
        RealServers servers = platform.platform().servers();

        Map<String, List<Probe>> probes = new TreeMap<>();
        AtomicBoolean watching = new AtomicBoolean(true);
        List<Thread> watchers = new ArrayList<>();
        for (ServiceProcess service : services) {
            List<Probe> answers = new CopyOnWriteArrayList<>();
            probes.put(service.name(), answers);
            watchers.add(Thread.ofPlatform().name("watch-" + service.name()).start(() -> watch(service, answers, watching)));
        }

        long stopping = System.nanoTime();
        long stopped;
        long restarting;
        try {
            servers.stop(ServerKind.KAFKA);
            stopped = System.nanoTime();
            EndToEnd.record("Kafka stopped (graceful shutdown) under the running platform", Duration.ofNanos(stopped - stopping));
            Thread.sleep(OUTAGE.toMillis());
        } finally {
            watching.set(false);
            for (Thread watcher : watchers) {
                watcher.join();
            }
            restarting = System.nanoTime();
            restoreThePlatform(platform, servers, services);
        }

        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, List<Probe>> service : probes.entrySet()) {
            failures.addAll(judge(service.getKey(), service.getValue(), stopping, stopped, restarting));
        }
        assertThat(failures).as("readiness and liveness while Kafka was away (every probe: %s)", probes).isEmpty();
    }

    /** Asks readiness and liveness, one after the other, until told to stop. */
    private void watch(ServiceProcess service, List<Probe> answers, AtomicBoolean watching) {
        while (watching.get()) {
            answers.add(probe(service, "/q/health/ready"));
            answers.add(probe(service, "/q/health/live"));
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private Probe probe(ServiceProcess service, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.managementPort() + path))
                .timeout(ANSWER_WITHIN).GET().build();
        long sent = System.nanoTime();
        try {
            HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
            long took = System.nanoTime() - sent;
            JsonNode body = EndToEnd.json(answer.body());
            List<String> down = new ArrayList<>();
            body.path("checks").forEach(check -> {
                if (!"UP".equals(check.path("status").asText())) {
                    down.add(check.path("name").asText());
                }
            });
            return new Probe(path, sent, took, answer.statusCode(), body.path("status").asText(), String.join(", ", down), null);
        } catch (Exception | AssertionError e) {
            return new Probe(path, sent, System.nanoTime() - sent, -1, null, "", e.toString());
        }
    }

    /**
     * What a probe of one service saw: readiness DOWN within the limit of the broker stopping and DOWN
     * from then on, every answer within the limit, liveness UP throughout. Records the figures.
     */
    private static List<String> judge(String service, List<Probe> answers, long stopping, long stopped, long restarting) {
        List<String> failures = new ArrayList<>();
        List<Probe> readiness = answers.stream().filter(p -> p.path().endsWith("/ready")).toList();
        List<Probe> liveness = answers.stream().filter(p -> p.path().endsWith("/live")).toList();

        for (Probe probe : answers) {
            if (probe.error() != null || probe.tookNanos() >= ANSWER_WITHIN.toNanos()) {
                failures.add(service + ": " + probe + " (sent " + millisAfter(probe.sentAt(), stopped) + " ms after Kafka stopped)");
            }
        }
        List<Probe> readinessWhileAway = readiness.stream().filter(p -> p.sentAt() >= stopping).toList();
        EndToEnd.record(service + ": slowest of " + readinessWhileAway.size() + " readiness answers while Kafka stopped and was away",
                Duration.ofNanos(readinessWhileAway.stream().mapToLong(Probe::tookNanos).max().orElse(0)));

        Probe firstDown = readiness.stream().filter(p -> p.sentAt() >= stopping && p.isDown()).findFirst().orElse(null);
        if (firstDown == null) {
            failures.add(service + ": readiness never answered 503 DOWN while Kafka was away");
        } else {
            Duration toDown = Duration.ofNanos(Math.max(0, firstDown.answeredAt() - stopped));
            EndToEnd.record(service + ": readiness 503 DOWN after Kafka stopped (" + millisAfter(firstDown.answeredAt(), stopping)
                    + " ms after its stop began; down: " + firstDown.downChecks() + ")", toDown);
            if (toDown.compareTo(DOWN_WITHIN) > 0) {
                failures.add(service + ": readiness answered DOWN only " + toDown.toMillis() + " ms after Kafka stopped");
            }
            readiness.stream()
                    .filter(p -> p.sentAt() > firstDown.sentAt() && p.answeredAt() < restarting && !p.isDown())
                    .forEach(p -> failures.add(service + ": readiness back to " + p + " " + millisAfter(p.sentAt(), stopped)
                            + " ms after Kafka stopped, while it was still away"));
        }
        // The bound must not rest on the connector's channel check, which reads a connection count:
        // the service's own check, which asks the broker with a deadline, says DOWN in time by itself.
        Probe topicsDown = readiness.stream()
                .filter(p -> p.sentAt() >= stopping && p.downChecks().contains(TOPICS_CHECK)).findFirst().orElse(null);
        if (topicsDown == null) {
            failures.add(service + ": its check '" + TOPICS_CHECK + "' never said DOWN while Kafka was away");
        } else {
            Duration toDown = Duration.ofNanos(Math.max(0, topicsDown.answeredAt() - stopped));
            EndToEnd.record(service + ": its check '" + TOPICS_CHECK + "' DOWN after Kafka stopped", toDown);
            if (toDown.compareTo(DOWN_WITHIN) > 0) {
                failures.add(service + ": '" + TOPICS_CHECK + "' said DOWN only " + toDown.toMillis() + " ms after Kafka stopped");
            }
        }
        liveness.stream().filter(p -> !p.isUp())
                .forEach(p -> failures.add(service + ": liveness " + p + " " + millisAfter(p.sentAt(), stopped) + " ms after Kafka stopped"));
        return failures;
    }

    /**
     * Kafka back, then waits until the platform is as the other tests expect it: every service ready,
     * every consumer caught up, and a play made now counted (the whole event path works again).
     */
    private static void restoreThePlatform(EndToEnd platform, RealServers servers, List<ServiceProcess> services) {
        long begin = System.nanoTime();
        servers.start(EnumSet.of(ServerKind.KAFKA));
        EndToEnd.record("Kafka started again", Duration.ofNanos(System.nanoTime() - begin));
        for (ServiceProcess service : services) {
            service.awaitReady(BACK_WITHIN);
        }
        EndToEnd.record("every service ready again after Kafka's restart began", Duration.ofNanos(System.nanoTime() - begin));
        platform.awaitConsumersSettled();
        String listener = platform.listener();
        platform.play(listener, PlaylistsAndRatingsIT.demoTracks(platform, listener, 1).get(0));
        platform.awaitPlaysCounted(listener);
        EndToEnd.record("platform settled after Kafka's restart began (lag 0, a new play counted)", Duration.ofNanos(System.nanoTime() - begin));
    }

    private static long millisAfter(long time, long reference) {
        return (time - reference) / 1_000_000;
    }
}
