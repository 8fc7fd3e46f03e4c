package io.musicplatform.outbox;

import static io.musicplatform.outbox.OutboxTestSupport.allPublished;
import static io.musicplatform.outbox.OutboxTestSupport.metric;
import static io.musicplatform.outbox.OutboxTestSupport.nonePublished;
import static io.musicplatform.outbox.OutboxTestSupport.onVertxContext;
import static io.musicplatform.outbox.OutboxTestSupport.played;
import static io.musicplatform.outbox.OutboxTestSupport.recordsOf;
import static io.musicplatform.outbox.OutboxTestSupport.row;
import static io.musicplatform.outbox.OutboxTestSupport.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.musicplatform.events.Event;
import io.musicplatform.events.Topics;
import io.musicplatform.events.TrackPlayed;
import io.musicplatform.realservers.RealServers;
import io.musicplatform.realservers.RealServersTestResource;
import io.musicplatform.realservers.ServerKind;
import io.musicplatform.realservers.SharedRealServers;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.annotation.Identifier;
import io.vertx.core.Vertx;

/**
 * The direct road to Kafka and its way back to the outbox: an acknowledged event leaves no row; a
 * held row holds back its key until it is settled; an event sent directly but acknowledged late is
 * settled and published once; with the broker down, events go through the outbox and are each
 * published exactly once, in order, when it is back.
 */
@QuarkusTest
@WithTestResource(value = RealServersTestResource.class,
        initArgs = @ResourceArg(name = RealServersTestResource.SERVERS, value = "kafka,postgres"))
class DirectPublisherTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Inject
    Outbox outbox;

    @Inject
    DirectPublisher direct;

    @Inject
    OutboxRelay relay;

    @Inject
    OutboxMetrics metrics;

    @Inject
    MeterRegistry registry;

    @Inject
    OutboxConfig config;

    @Inject
    Vertx vertx;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaSettings;

    @TestHTTPResource("/q/metrics")
    URL metricsUrl;

    @BeforeAll
    static void createTopics() {
        OutboxTestSupport.createTopics();
    }

    @Test
    void anEventKafkaAcknowledgesInTimeLeavesNoRow() throws Exception {
        // The first sends of a cold producer (connection, producer id) may miss the direct timeout on a
        // busy machine and go to the outbox: the test looks for one acknowledged in time among a few.
        boolean seen = false;
        for (int attempt = 0; attempt < 20 && !seen; attempt++) {
            awaitOpen(direct);
            double acknowledged = metric(metricsUrl, direct("acknowledged"));
            TrackPlayed play = played(UUID.randomUUID().toString());

            onVertxContext(() -> direct.publish(play));

            if (metric(metricsUrl, direct("acknowledged")) == acknowledged + 1) {
                seen = true;
                assertThat(rows(List.of(play.eventId()))).as("no outbox row for an event Kafka took at once").isEmpty();
            }
            await().atMost(PATIENCE).until(() -> recordsOf(Topics.TRACK_PLAYED, Set.of(play.eventId())).size() == 1);
        }
        assertThat(seen).as("one of 20 events acknowledged within the direct timeout").isTrue();
    }

    @Test
    void aHeldRowHoldsBackItsKeyUntilItIsSettled() {
        String key = UUID.randomUUID().toString();
        TrackPlayed held = played(key);
        TrackPlayed behind = played(key);
        TrackPlayed otherKey = played(UUID.randomUUID().toString());
        onVertxContext(() -> outbox.appendCommitted(List.of(held, behind, otherKey),
                event -> event == held ? Duration.ofHours(1) : null));
        assertThat(row(held.eventId()).publishAfter).isAfter(Instant.now().plus(Duration.ofMinutes(59)));
        assertThat(row(behind.eventId()).publishAfter).isNull();

        await().atMost(PATIENCE).until(() -> allPublished(Set.of(otherKey.eventId())));
        // Two more polls of the relay (one second each here) after the other key went out.
        long settledAfter = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        await().atMost(PATIENCE).until(() -> System.nanoTime() > settledAfter);
        assertThat(nonePublished(Set.of(held.eventId(), behind.eventId()))).as("the held row and the row behind it wait").isTrue();

        onVertxContext(() -> outbox.settle(held.eventId(), false));

        Set<UUID> ids = Set.of(held.eventId(), behind.eventId());
        await().atMost(PATIENCE).until(() -> allPublished(ids));
        assertThat(recordsOf(Topics.TRACK_PLAYED, ids).stream().map(OutboxTestSupport::eventId).toList())
                .as("released, the held row goes first and the row behind it follows, once each")
                .containsExactly(held.eventId(), behind.eventId());
    }

    @Test
    void anEventAcknowledgedLateIsHeldThenSettledAndPublishedOnce() throws Exception {
        // A publisher that hardly waits for Kafka (1 ms): a direct send times out and is acknowledged late.
        DirectPublisher impatient = new DirectPublisher(outbox, relay, metrics, registry, withDirectTimeout(Duration.ofMillis(1)), kafkaSettings, vertx);
        impatient.start();
        try {
            // A first event, through the outbox while the road is closed, tells it the topic whose metadata to fetch before it opens.
            onVertxContext(() -> impatient.publish(played(UUID.randomUUID().toString())));
            awaitOpen(impatient);
            String key = UUID.randomUUID().toString();
            TrackPlayed late = played(key);
            TrackPlayed next = played(key);
            double timedOut = metric(metricsUrl, direct("timed-out"));

            onVertxContext(() -> impatient.publish(late));
            onVertxContext(() -> impatient.publish(next));

            // The producer lingers 5 ms before it sends, so the 1 ms wait always ends first: the event was
            // committed to the outbox held, and the road closed (the next event went to the outbox).
            assertThat(metric(metricsUrl, direct("timed-out"))).isEqualTo(timedOut + 1);
            assertThat(row(next.eventId()).publishAfter).as("the road closed after the timeout: the next event went to the outbox, not held")
                    .isNull();
            // Kafka's late answer settles the held row (it may already have): published long before the hold
            // (send timeout + 5 s) would have let the relay send it.
            await().atMost(Duration.ofSeconds(5)).until(() -> row(late.eventId()).publishedAt != null);
            OutboxEntry settled = row(late.eventId());
            assertThat(settled.publishAfter).isNull();
            assertThat(Duration.between(settled.createdAt, settled.publishedAt)).isLessThan(config.sendTimeout());
            await().atMost(PATIENCE).until(() -> allPublished(Set.of(next.eventId())));
            assertThat(recordsOf(Topics.TRACK_PLAYED, Set.of(late.eventId(), next.eventId())).stream()
                    .map(OutboxTestSupport::eventId).toList())
                    .as("the late one once (sent directly), the next one after it").containsExactly(late.eventId(), next.eventId());
            awaitOpen(impatient);
        } finally {
            impatient.stop();
        }
    }

    @Test
    void withTheBrokerDownEventsGoThroughTheOutboxAndArePublishedOnceInOrder() throws Exception {
        RealServers servers = SharedRealServers.start(EnumSet.of(ServerKind.KAFKA, ServerKind.POSTGRES));
        assertThat(servers.kafka().bootstrapServers())
                .as("the test must stop the broker the application uses").isEqualTo(OutboxTestSupport.bootstrapServers());
        // The topic's metadata in the producer, as in a service that has been publishing.
        onVertxContext(() -> direct.publish(played(UUID.randomUUID().toString())));
        awaitOpen(direct);
        double toOutbox = metric(metricsUrl, direct("outbox"));
        String key = UUID.randomUUID().toString();
        List<TrackPlayed> plays = new ArrayList<>();
        List<Duration> took = new ArrayList<>();
        servers.stop(ServerKind.KAFKA);
        try {
            for (int i = 0; i < 5; i++) {
                TrackPlayed play = played(key);
                plays.add(play);
                long started = System.nanoTime();
                onVertxContext(() -> direct.publish(play));
                took.add(Duration.ofNanos(System.nanoTime() - started));
            }
            assertThat(took).as("the first waits for the direct timeout, the others go to the outbox at once")
                    .allSatisfy(time -> assertThat(time).isLessThan(Duration.ofSeconds(2)));
            // The first is tried directly (it times out, or the producer refuses it at once, as the broker's
            // disconnection is noticed); after it the road is closed and the others go straight to the outbox.
            assertThat(metric(metricsUrl, direct("outbox"))).isGreaterThanOrEqualTo(toOutbox + 4);
            assertThat(nonePublished(plays.stream().map(Event::eventId).toList())).isTrue();
        } finally {
            servers.start(EnumSet.of(ServerKind.KAFKA));
        }

        Set<UUID> ids = plays.stream().map(Event::eventId).collect(Collectors.toSet());
        await().atMost(Duration.ofSeconds(60)).until(() -> allPublished(ids));
        List<ConsumerRecord<String, byte[]>> records = recordsOf(Topics.TRACK_PLAYED, ids);
        assertThat(records.stream().map(OutboxTestSupport::eventId).toList()).as("each once, in the order they were published")
                .containsExactlyElementsOf(plays.stream().map(Event::eventId).toList());
        awaitOpen(direct);
    }

    /** Waits until the relay's count has opened the direct road (it starts closed). */
    private static void awaitOpen(DirectPublisher publisher) {
        await().atMost(Duration.ofSeconds(60)).until(publisher::isOpen);
    }

    private static String direct(String outcome) {
        return "music_outbox_direct_total{outcome=\"" + outcome + "\",topic=\"track-played\"}";
    }

    /** The application's outbox settings with another direct timeout. */
    private OutboxConfig withDirectTimeout(Duration timeout) {
        OutboxConfig base = config;
        return new OutboxConfig() {
            @Override public boolean enabled() { return base.enabled(); }
            @Override public Duration pollInterval() { return base.pollInterval(); }
            @Override public int batchSize() { return base.batchSize(); }
            @Override public Duration sendTimeout() { return base.sendTimeout(); }
            @Override public Duration directTimeout() { return timeout; }
            @Override public int stuckAfter() { return base.stuckAfter(); }
            @Override public Duration retention() { return base.retention(); }
            @Override public Duration cleanUpInterval() { return base.cleanUpInterval(); }
            @Override public String cloudEventsSource() { return base.cloudEventsSource(); }
        };
    }
}
