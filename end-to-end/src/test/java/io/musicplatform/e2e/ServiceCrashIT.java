package io.musicplatform.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.musicplatform.realservers.ServiceProcess;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static io.musicplatform.e2e.EndToEnd.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Journey 7: playback-service is killed ({@code kill -9}) while a listener keeps pressing play, then
 * started again. Meanwhile the gateway answers a clear 502 problem; the listener's client asks again
 * with the same Idempotency-Key; afterwards every play answered 200, before the crash and after the
 * restart, is counted exactly once, and no other (one made durable just before the kill included).
 */
@ExtendWith(PlatformExtension.class)
class ServiceCrashIT {

    private static final Duration RESTART_WITHIN = Duration.ofSeconds(180);
    private static final Duration COUNTED_WITHIN = Duration.ofSeconds(60);
    private static final int PLAYS_EACH_SIDE = 10;
    /** Paced under playback-service's default limit of 120 plays a minute per listener. */
    private static final Duration PACE = Duration.ofMillis(600);

    @Test
    void aKilledServiceIsA502MeanwhileAndEveryAnsweredPlayIsCountedAfterItsRestart(EndToEnd platform) throws Exception {
        String listener = platform.listener();
        List<String> tracks = PlaylistsAndRatingsIT.demoTracks(platform, listener, 5);
        platform.awaitPlaysCounted(listener);
        long playsBefore = json(platform.as(listener).get("/api/stats/users/me").then().statusCode(200).extract().asString()).path("plays").asLong();

        List<String> answered = new CopyOnWriteArrayList<>();
        List<String> problems = new CopyOnWriteArrayList<>();
        List<String> unexpected = new CopyOnWriteArrayList<>();
        AtomicBoolean playing = new AtomicBoolean(true);
        AtomicInteger sent = new AtomicInteger();
        CompletableFuture<Void> traffic = CompletableFuture.runAsync(() -> {
            // As a careful client: each play has its Idempotency-Key, and a play answered 502 is asked
            // again with the same key until it is answered. A play the service made durable but could
            // not answer before it died is then answered with its play id, not made twice.
            String key = UUID.randomUUID().toString();
            while (playing.get()) {
                String track = tracks.get(sent.get() % tracks.size());
                Response answer = platform.play(listener, track, null, key);
                if (answer.statusCode() == 200) {
                    answered.add(json(answer.asString()).path("playId").asText());
                    sent.incrementAndGet();
                    key = UUID.randomUUID().toString();
                } else if (answer.statusCode() == 502 && answer.contentType().startsWith("application/problem+json")) {
                    problems.add(answer.asString());
                } else {
                    unexpected.add(answer.statusCode() + " " + answer.asString());
                }
                try {
                    Thread.sleep(PACE.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        });

        ServiceProcess playback = platform.platform().service("playback-service");
        EndToEnd.within(Duration.ofSeconds(30), "plays answered before the crash", () -> assertThat(answered).hasSizeGreaterThanOrEqualTo(PLAYS_EACH_SIDE));
        playback.kill();
        int beforeRestart = answered.size();
        EndToEnd.within(Duration.ofSeconds(10), "the gateway's 502 while playback-service is down", () -> assertThat(problems).isNotEmpty());
        long begin = System.nanoTime();
        playback.restart().awaitReady(RESTART_WITHIN);
        EndToEnd.record("playback-service restarted after a kill -9", Duration.ofNanos(System.nanoTime() - begin));
        EndToEnd.within(Duration.ofSeconds(30), "plays answered after the restart",
                () -> assertThat(answered.size() - beforeRestart).isGreaterThanOrEqualTo(PLAYS_EACH_SIDE));
        playing.set(false);
        traffic.get();

        assertThat(unexpected).as("answers other than 200 and the gateway's 502").isEmpty();
        JsonNode problem = json(problems.get(0));
        assertThat(problem.path("status").asInt()).isEqualTo(502);
        assertThat(problem.path("title").asText()).contains("playback");
        EndToEnd.within(COUNTED_WITHIN, "every answered play counted once after the crash", () -> {
            List<String> history = platform.historyPlayIds(listener);
            Set<String> missing = new HashSet<>(answered);
            history.forEach(missing::remove);
            assertThat(missing).as("answered plays not in the history").isEmpty();
            assertThat(new HashSet<>(history)).hasSameSizeAs(history);
            JsonNode user = json(platform.as(listener).get("/api/stats/users/me").then().statusCode(200).extract().asString());
            assertThat(user.path("plays").asLong()).isEqualTo(playsBefore + answered.size());
            return null;
        });
    }
}
