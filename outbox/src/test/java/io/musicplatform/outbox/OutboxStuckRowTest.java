package io.musicplatform.outbox;

import static io.musicplatform.outbox.OutboxTestSupport.allPublished;
import static io.musicplatform.outbox.OutboxTestSupport.inTransaction;
import static io.musicplatform.outbox.OutboxTestSupport.metric;
import static io.musicplatform.outbox.OutboxTestSupport.played;
import static io.musicplatform.outbox.OutboxTestSupport.recordsOf;
import static io.musicplatform.outbox.OutboxTestSupport.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.musicplatform.events.Topics;
import io.musicplatform.events.TrackPlayed;
import io.musicplatform.realservers.RealServersTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A record Kafka will never take holds back its own key and nothing else: the later events of its
 * key wait unsent behind it, the other keys go on, its failures are on its row for an operator to
 * see, and once the cause is dealt with the events behind it go out in order.
 */
@QuarkusTest
@WithTestResource(value = RealServersTestResource.class,
        initArgs = @ResourceArg(name = RealServersTestResource.SERVERS, value = "kafka,postgres"))
class OutboxStuckRowTest {

    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final String STUCK = "music_outbox_stuck";

    @Inject
    Outbox outbox;

    @Inject
    Pool pool;

    @TestHTTPResource("/q/metrics")
    URL metrics;

    @BeforeAll
    static void createTopics() {
        OutboxTestSupport.createTopics();
    }

    @Test
    void aRecordTooLargeForTheProducerWaitsWithTheLaterEventsOfItsKeyUnsentWhileOtherKeysGoOn() throws Exception {
        int stuckAfter = stuckAfter();
        String track = UUID.randomUUID().toString();
        // Over the producer's max.request.size (1 MiB by default): refused before it is sent.
        TrackPlayed tooLarge = played(track, "x".repeat(1_100_000));
        TrackPlayed behind = played(track);
        TrackPlayed otherKey = played(UUID.randomUUID().toString());
        try {
            inTransaction(() -> outbox.append(tooLarge).chain(() -> outbox.append(behind)).chain(() -> outbox.append(otherKey)));

            await().atMost(WITHIN).until(() -> allPublished(Set.of(otherKey.eventId())));
            await().atMost(WITHIN).until(() -> row(tooLarge.eventId()).attempts >= stuckAfter);
            OutboxEntry stuck = row(tooLarge.eventId());
            assertThat(stuck.publishedAt).isNull();
            assertThat(stuck.lastError).contains("RecordTooLargeException").contains("max.request.size");
            await().atMost(WITHIN).until(() -> metric(metrics, STUCK) >= 1);

            OutboxEntry waiting = row(behind.eventId());
            assertThat(waiting.publishedAt).as("the event behind it is still pending").isNull();
            assertThat(waiting.attempts).as("and was never tried").isZero();
            assertThat(recordsOf(Topics.TRACK_PLAYED, Set.of(tooLarge.eventId(), behind.eventId())))
                    .as("neither went out, however many polls went by").isEmpty();

            TrackPlayed appendedLater = played(UUID.randomUUID().toString());
            inTransaction(() -> outbox.append(appendedLater));
            await().atMost(WITHIN).until(() -> allPublished(Set.of(appendedLater.eventId())));

            // The operator's way out once the event has been dealt with by hand: delete its row.
            deleteRows(Set.of(tooLarge.eventId()));
            await().atMost(WITHIN).until(() -> allPublished(Set.of(behind.eventId())));
            assertThat(recordsOf(Topics.TRACK_PLAYED, Set.of(behind.eventId()))).hasSize(1);
            await().atMost(WITHIN).until(() -> metric(metrics, STUCK) == 0);
        } finally {
            deleteRows(Set.of(tooLarge.eventId(), behind.eventId()));
        }
    }

    @Test
    void aRecordTheBrokerRefusesHoldsBackItsKeyWithoutItsLaterEventsGoingOutAgainAndAgain() throws Exception {
        int stuckAfter = stuckAfter();
        String track = UUID.randomUUID().toString();
        // Under the producer's limit, over the topic's max.message.bytes set below: the broker refuses
        // it, and only after the event behind it has been sent in the same batch.
        TrackPlayed tooLarge = played(track, "x".repeat(100_000));
        TrackPlayed behind = played(track);
        TrackPlayed otherKey = played(UUID.randomUUID().toString());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, OutboxTestSupport.bootstrapServers()))) {
            setMaxMessageBytes(admin, "50000");
            try {
                inTransaction(() -> outbox.append(tooLarge).chain(() -> outbox.append(behind)).chain(() -> outbox.append(otherKey)));

                await().atMost(WITHIN).until(() -> allPublished(Set.of(otherKey.eventId())));
                await().atMost(WITHIN).until(() -> row(tooLarge.eventId()).attempts >= stuckAfter);
                assertThat(row(tooLarge.eventId()).lastError).contains("RecordTooLargeException");
                assertThat(row(behind.eventId()).publishedAt).isNull();
                // Sent at most once, in the first batch, before the broker's answer came; not once per poll.
                assertThat(recordsOf(Topics.TRACK_PLAYED, Set.of(behind.eventId()))).hasSizeLessThanOrEqualTo(1);
                assertThat(recordsOf(Topics.TRACK_PLAYED, Set.of(tooLarge.eventId()))).isEmpty();
            } finally {
                setMaxMessageBytes(admin, null);
            }

            // The cause fixed, the stuck row goes out, and the event behind it after it.
            await().atMost(WITHIN).until(() -> allPublished(Set.of(tooLarge.eventId(), behind.eventId())));
            List<UUID> sequence = recordsOf(Topics.TRACK_PLAYED, Set.of(tooLarge.eventId(), behind.eventId())).stream()
                    .map(OutboxTestSupport::eventId).toList();
            // Perhaps one early copy of the event behind, then both in their order.
            assertThat(sequence).hasSizeBetween(2, 3);
            assertThat(sequence.subList(sequence.size() - 2, sequence.size())).containsExactly(tooLarge.eventId(), behind.eventId());
        } finally {
            deleteRows(Set.of(tooLarge.eventId(), behind.eventId()));
        }
    }

    private static int stuckAfter() {
        return ConfigProvider.getConfig().getValue("music.outbox.stuck-after", Integer.class);
    }

    /** Sets the topic's max.message.bytes, or removes the setting with null, and waits until the broker has it. */
    private static void setMaxMessageBytes(Admin admin, String value) throws Exception {
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.TRACK_PLAYED);
        ConfigEntry entry = new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, value == null ? "" : value);
        AlterConfigOp op = new AlterConfigOp(entry, value == null ? AlterConfigOp.OpType.DELETE : AlterConfigOp.OpType.SET);
        admin.incrementalAlterConfigs(Map.of(topic, List.of(op))).all().get(30, TimeUnit.SECONDS);
        await().atMost(WITHIN).until(() -> {
            ConfigEntry now = admin.describeConfigs(List.of(topic)).all().get(30, TimeUnit.SECONDS).get(topic)
                    .get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
            return value == null ? now.source() != ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG : value.equals(now.value());
        });
    }

    private void deleteRows(Set<UUID> eventIds) {
        pool.preparedQuery("DELETE FROM " + OutboxTestSupport.TABLE + " WHERE event_id = ANY($1)")
                .executeAndAwait(Tuple.of(eventIds.toArray(UUID[]::new)));
    }
}
