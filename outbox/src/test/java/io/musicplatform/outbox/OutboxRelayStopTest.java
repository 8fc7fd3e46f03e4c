package io.musicplatform.outbox;

import static io.musicplatform.outbox.OutboxTestSupport.played;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.musicplatform.events.CloudEventHeaders;
import io.musicplatform.events.EventCodec;
import io.musicplatform.events.Topics;
import io.musicplatform.events.TrackPlayed;
import io.musicplatform.realservers.RealServersTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Shutdown does not wait for a backlog: stopping a relay in the middle of a long drain returns within
 * seconds and leaves the rest pending. The relay under test is one of its own, on an outbox table of
 * its own (migrated from the jar into another schema, as a second service's would be), so that the
 * application's relay neither drains that backlog nor gets stopped for the other tests.
 */
@QuarkusTest
@WithTestResource(value = RealServersTestResource.class,
        initArgs = @ResourceArg(name = RealServersTestResource.SERVERS, value = "kafka,postgres"))
class OutboxRelayStopTest {

    private static final String SCHEMA = "outbox_stop_test";
    private static final String TABLE = SCHEMA + ".outbox";
    /** One row per batch: thousands of transactions, a drain of tens of seconds. */
    private static final int BACKLOG = 3_000;

    @Inject
    Pool pool;

    @Inject
    Flyway flyway;

    @Test
    void stoppingDuringTheDrainOfABacklogReturnsWithinSecondsAndLeavesTheRestPending() throws Exception {
        OutboxTestSupport.createTopics();
        Flyway.configure(Thread.currentThread().getContextClassLoader()).configuration(flyway.getConfiguration())
                .schemas(SCHEMA).defaultSchema(SCHEMA).load().migrate();
        try {
            appendBacklog();
            OutboxRelay relay = new OutboxRelay(new Settings(), new OutboxMetrics(new SimpleMeterRegistry()), pool,
                    Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, OutboxTestSupport.bootstrapServers()), Optional.of(SCHEMA));
            CompletableFuture<Void> draining = CompletableFuture.runAsync(relay::poll);
            await().atMost(Duration.ofSeconds(60)).until(() -> published() >= 20);

            long waiting = BACKLOG - published();
            long start = System.nanoTime();
            relay.stop();
            Duration stopTook = Duration.ofNanos(System.nanoTime() - start);

            assertThat(stopTook).as("stop() while %d rows waited", waiting).isLessThan(Duration.ofSeconds(5));
            draining.get(1, TimeUnit.SECONDS);
            long publishedAtStop = published();
            assertThat(publishedAtStop).as("the drain ended part-way").isLessThan(BACKLOG);

            relay.poll();
            assertThat(published()).as("a stopped relay publishes nothing more").isEqualTo(publishedAtStop);
        } finally {
            pool.query("DROP SCHEMA " + SCHEMA + " CASCADE").executeAndAwait();
        }
    }

    private void appendBacklog() {
        List<Tuple> rows = new ArrayList<>(BACKLOG);
        for (int i = 0; i < BACKLOG; i++) {
            TrackPlayed play = played(UUID.randomUUID().toString());
            RecordHeaders headers = new RecordHeaders();
            CloudEventHeaders.write(headers, play, OutboxTestSupport.cloudEventsSource());
            rows.add(Tuple.of(Topics.TRACK_PLAYED, play.trackId(), Buffer.buffer(EventCodec.TRACK_PLAYED.encode(play)),
                    HeadersColumn.toJson(headers), play.eventId()));
        }
        pool.preparedQuery("INSERT INTO " + TABLE + " (topic, record_key, payload, headers, event_id)"
                + " VALUES ($1, $2, $3, $4::text::json, $5)").executeBatchAndAwait(rows);
    }

    private long published() {
        return pool.query("SELECT count(*) AS published FROM " + TABLE + " WHERE published_at IS NOT NULL").executeAndAwait()
                .iterator().next().getLong("published");
    }

    /** The application's settings, but one row per batch. */
    private record Settings(boolean enabled, Duration pollInterval, int batchSize, Duration sendTimeout, Duration directTimeout,
                            int stuckAfter, Duration retention, Duration cleanUpInterval, String cloudEventsSource) implements OutboxConfig {
        Settings() {
            this(true, Duration.ofSeconds(1), 1, Duration.ofSeconds(3), Duration.ofMillis(200), 10, Duration.ofHours(24), Duration.ofMinutes(1),
                    OutboxTestSupport.cloudEventsSource());
        }
    }
}
