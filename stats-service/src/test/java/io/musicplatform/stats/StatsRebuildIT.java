package io.musicplatform.stats;

import io.musicplatform.events.PlayContext;
import io.musicplatform.events.TopicCreator;
import io.musicplatform.events.TrackFacts;
import io.musicplatform.events.Topics;
import io.musicplatform.events.TrackPlayed;
import io.musicplatform.realservers.RealServers;
import io.musicplatform.realservers.ServerKind;
import io.musicplatform.realservers.SharedRealServers;
import io.musicplatform.servicetesting.LaunchedService;
import io.musicplatform.servicetesting.ServiceLauncher;
import io.musicplatform.servicetesting.TestTokens;
import io.musicplatform.simulator.PlayPublisher;
import io.musicplatform.simulator.SimulatedPlays;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The rebuild of docs/services/stats-service.md, as an operator does it on the packaged service: a
 * second instance, in a fresh schema and a consumer group of its own, recomputes everything from the
 * retained track-played topic while consulting the live schema's erasures; every table then equals
 * the live one, and a listener who erased their history stays erased.
 */
class StatsRebuildIT {

    private static final Set<ServerKind> STORES = Set.of(ServerKind.KAFKA, ServerKind.POSTGRES, ServerKind.KEYCLOAK);
    private static final Duration PATIENCE = Duration.ofSeconds(150);
    private static final String LIVE = "stats_live";
    private static final String REBUILT = "stats_rebuilt";
    static final List<String> TABLES = List.of("consumer_offset", "counted_play", "listening_history", "track_plays", "user_plays",
            "daily_plays", "track_period_plays", "artist_period_plays", "genre_hour_plays", "context_daily_plays");

    @Test
    void aRebuildFromTheTopicEqualsTheLiveStoreAndKeepsErasuresErased() throws Exception {
        RealServers servers = SharedRealServers.start(STORES);
        String bootstrap = servers.kafka().bootstrapServers();
        TopicCreator.ensure(bootstrap, List.of(Topics.spec(Topics.TRACK_PLAYED)), Duration.ofSeconds(30));
        TestTokens tokens = TestTokens.of(servers.keycloak());
        String listener = TestTokens.subject(tokens.listener());
        StatsStore live = new StatsStore(servers, LIVE);
        StatsStore rebuilt = new StatsStore(servers, REBUILT);

        try (LaunchedService stats = ServiceLauncher.of(Path.of("")).withName("stats-service-live").withServers(servers, STORES)
                .withProperty("music.schema", LIVE).start()) {
            stats.awaitReady(PATIENCE);
            try (PlayPublisher publisher = new PlayPublisher(bootstrap)) {
                publisher.publish(new SimulatedPlays(new SimulatedPlays.Settings(2_000, 200, 5_000, 1.0, 77, LocalDate.parse("2042-06-01"), 30)),
                        20_000, 0, 0.01, play -> { });
            }
            String track = UUID.randomUUID().toString();
            try (PlayPublisher publisher = new PlayPublisher(bootstrap)) {
                publisher.publish(List.of(play(track, listener, Instant.now().minusSeconds(60)), play(track, listener, Instant.now().minusSeconds(30))));
            }
            await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(live::caughtUp);
            assertThat(live.number("SELECT plays FROM " + LIVE + ".user_plays WHERE user_id = ?", listener)).isEqualTo(2);

            HttpResponse<String> erased = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(stats.baseUri() + "/api/stats/users/me/history"))
                    .header("Authorization", "Bearer " + tokens.listener()).DELETE().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);

            try (LaunchedService rebuild = ServiceLauncher.of(Path.of("")).withName("stats-service-rebuild").withServers(servers, STORES)
                    .withProperty("music.schema", REBUILT)
                    .withProperty("music.stats.erasures-schema", LIVE)
                    .withProperty("kafka.group.id", "stats-service-rebuild").start()) {
                rebuild.awaitReady(PATIENCE);
                await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(rebuilt::caughtUp);
            }

            for (String table : TABLES) {
                long rows = live.number("SELECT count(*) FROM " + LIVE + "." + table);
                long different = live.number("SELECT count(*) FROM ((SELECT * FROM " + LIVE + "." + table + " EXCEPT ALL SELECT * FROM "
                        + REBUILT + "." + table + ") UNION ALL (SELECT * FROM " + REBUILT + "." + table + " EXCEPT ALL SELECT * FROM "
                        + LIVE + "." + table + ")) AS difference");
                assertThat(rows).as(table).isPositive();
                assertThat(different).as("rows of %s that differ between the live and the rebuilt schema", table).isZero();
            }
            assertThat(rebuilt.number("SELECT count(*) FROM " + REBUILT + ".listening_history WHERE user_id = ?", listener)).isZero();
            assertThat(rebuilt.number("SELECT count(*) FROM " + REBUILT + ".user_plays WHERE user_id = ?", listener)).isZero();
            assertThat(rebuilt.number("SELECT plays FROM " + REBUILT + ".track_plays WHERE track_id = ?", track)).isEqualTo(2);
        }
    }

    private static TrackPlayed play(String track, String user, Instant at) {
        return new TrackPlayed(UUID.randomUUID(), at, track, user, new PlayContext("web", "computer", "FR"), new TrackFacts("Zaz", "chanson", 200_000));
    }
}
