package io.musicplatform.stats;

import io.musicplatform.events.TopicCreator;
import io.musicplatform.events.Topics;
import io.musicplatform.realservers.RealServers;
import io.musicplatform.realservers.ServerKind;
import io.musicplatform.realservers.SharedRealServers;
import io.musicplatform.servicetesting.LaunchedService;
import io.musicplatform.servicetesting.ServiceLauncher;
import io.musicplatform.simulator.PlayPublisher;
import io.musicplatform.simulator.SimulatedPlays;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Plays are royalties: none lost, none counted twice, even when the counting process dies. The
 * packaged stats-service counts 200,000 simulated plays (1% of them published twice with the same
 * eventId, as a retrying producer would) while it is killed with kill -9 three times, mid-stream, and
 * restarted; in the end every counter equals what was produced, per track, listener and day and in
 * total, and the history holds each play once. PostgreSQL runs with fsync and synchronous_commit on (the kit's default).
 */
class PlayCountingFaultIT {

    private static final Set<ServerKind> STORES = Set.of(ServerKind.KAFKA, ServerKind.POSTGRES);
    private static final Duration PATIENCE = Duration.ofSeconds(150);
    private static final String SCHEMA = "stats_fault";
    private static final int PLAYS = 200_000;
    private static final int KILLS = 3;
    private static final LocalDate FIRST_DAY = LocalDate.parse("2041-03-01");
    private static final int DAYS = 7;

    @Test
    void everyCounterEqualsWhatWasProducedDespiteThreeKills() throws Exception {
        RealServers servers = SharedRealServers.start(STORES);
        String bootstrap = servers.kafka().bootstrapServers();
        TopicCreator.ensure(bootstrap, List.of(Topics.spec(Topics.TRACK_PLAYED)), Duration.ofSeconds(30));
        StatsStore store = new StatsStore(servers, SCHEMA);
        SimulatedPlays plays = new SimulatedPlays(new SimulatedPlays.Settings(5_000, 500, 20_000, 1.0, 4141, FIRST_DAY, DAYS));
        PlayLedger produced = new PlayLedger();

        try (LaunchedService stats = ServiceLauncher.of(Path.of("")).withName("stats-service-fault").withServers(servers, STORES)
                .withProperty("music.schema", SCHEMA).start()) {
            stats.awaitReady(PATIENCE);
            CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> {
                try (PlayPublisher publisher = new PlayPublisher(bootstrap)) {
                    publisher.publish(plays, PLAYS, 3_000, 0.01, produced::add);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });

            List<String> kills = new ArrayList<>();
            for (int kill = 1; kill <= KILLS; kill++) {
                // Kill it in the middle of the stream: once it has committed some batches since it (re)started.
                long before = store.committed();
                await().atMost(PATIENCE).until(() -> store.committed() >= before + 3_000);
                kills.add("kill " + kill + " at " + store.committed() + " committed offsets, publishing done: " + publishing.isDone());
                stats.kill();
                assertThat(stats.exitValue()).isEqualTo(128 + 9);
                stats.restart().awaitReady(PATIENCE);
            }
            publishing.get();
            await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(store::caughtUp);
            System.out.println("PlayCountingFaultIT: " + kills);

            assertThat(produced.total()).isEqualTo(PLAYS);
            String tracks = "SELECT track_id, plays FROM " + SCHEMA + ".track_plays WHERE track_id = ANY(?)";
            assertThat(store.map(tracks, List.copyOf(produced.perTrack.keySet()))).isEqualTo(produced.perTrack);
            String users = "SELECT user_id, plays FROM " + SCHEMA + ".user_plays WHERE user_id = ANY(?)";
            assertThat(store.map(users, List.copyOf(produced.perUser.keySet()))).isEqualTo(produced.perUser);
            LocalDate lastDay = FIRST_DAY.plusDays(DAYS - 1);
            assertThat(store.days(FIRST_DAY, lastDay)).isEqualTo(produced.perDay);
            String inRange = " WHERE played_at >= '" + FIRST_DAY + "' AND played_at < '" + lastDay.plusDays(1) + "'";
            assertThat(store.number("SELECT count(*) FROM " + SCHEMA + ".listening_history" + inRange)).isEqualTo(PLAYS);
            assertThat(store.number("SELECT count(DISTINCT event_id) FROM " + SCHEMA + ".listening_history" + inRange)).isEqualTo(PLAYS);
            assertThat(store.number("SELECT count(*) FROM " + SCHEMA + ".counted_play" + inRange)).isEqualTo(PLAYS);
            assertThat(store.number("SELECT sum(plays) FROM " + SCHEMA + ".track_period_plays WHERE period = 'D' AND starts BETWEEN '"
                    + FIRST_DAY + "' AND '" + lastDay + "'")).isEqualTo(PLAYS);
            assertThat(store.number("SELECT sum(plays) FROM " + SCHEMA + ".context_daily_plays WHERE dimension = 'device' AND day BETWEEN '"
                    + FIRST_DAY + "' AND '" + lastDay + "'")).isEqualTo(PLAYS);
        }
    }
}
