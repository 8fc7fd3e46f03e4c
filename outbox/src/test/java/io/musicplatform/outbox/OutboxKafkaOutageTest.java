package io.musicplatform.outbox;

import static io.musicplatform.outbox.OutboxTestSupport.allPublished;
import static io.musicplatform.outbox.OutboxTestSupport.inTransaction;
import static io.musicplatform.outbox.OutboxTestSupport.metric;
import static io.musicplatform.outbox.OutboxTestSupport.nonePublished;
import static io.musicplatform.outbox.OutboxTestSupport.played;
import static io.musicplatform.outbox.OutboxTestSupport.recordsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.musicplatform.events.Event;
import io.musicplatform.events.Topics;
import io.musicplatform.events.TrackPlayed;
import io.musicplatform.realservers.RealServers;
import io.musicplatform.realservers.RealServersTestResource;
import io.musicplatform.realservers.ServerKind;
import io.musicplatform.realservers.SharedRealServers;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The outbox's reason to be: with the broker down, plays still commit; they wait in the outbox,
 * the metrics say so, and once the broker is back each is published exactly once.
 */
@QuarkusTest
@WithTestResource(value = RealServersTestResource.class,
        initArgs = @ResourceArg(name = RealServersTestResource.SERVERS, value = "kafka,postgres"))
class OutboxKafkaOutageTest {

    private static final String PENDING = "music_outbox_pending";
    private static final String OLDEST_AGE = "music_outbox_oldest_pending_age_seconds";
    private static final String FAILURES = "music_outbox_publish_failures_total{topic=\"track-played\"}";
    private static final String PUBLISHED = "music_events_published_total{topic=\"track-played\"}";

    @Inject
    Outbox outbox;

    @TestHTTPResource("/q/metrics")
    URL metrics;

    @BeforeAll
    static void createTopics() {
        OutboxTestSupport.createTopics();
    }

    @Test
    void eventsAppendedWhileKafkaIsDownArePublishedExactlyOnceWhenItIsBack() throws Exception {
        RealServers servers = SharedRealServers.start(EnumSet.of(ServerKind.KAFKA, ServerKind.POSTGRES));
        assertThat(servers.kafka().bootstrapServers())
                .as("the test must stop the broker the application uses").isEqualTo(OutboxTestSupport.bootstrapServers());
        // Whatever earlier tests appended is out first, so that the gauges count this test's rows only.
        await().atMost(Duration.ofSeconds(30)).until(() -> metric(metrics, PENDING) == 0);
        double failuresBefore = metric(metrics, FAILURES);
        double publishedBefore = metric(metrics, PUBLISHED);

        List<String> tracks = List.of(uuid(), uuid(), uuid(), uuid());
        List<TrackPlayed> plays = new ArrayList<>();
        servers.stop(ServerKind.KAFKA);
        try {
            for (int i = 0; i < 20; i++) {
                TrackPlayed play = played(tracks.get(i % tracks.size()));
                plays.add(play);
                inTransaction(() -> outbox.append(play));
            }
            Set<UUID> ids = plays.stream().map(Event::eventId).collect(Collectors.toSet());

            await().atMost(Duration.ofSeconds(30)).until(() -> metric(metrics, FAILURES) > failuresBefore);
            await().atMost(Duration.ofSeconds(10)).until(() -> metric(metrics, PENDING) == plays.size());
            assertThat(metric(metrics, OLDEST_AGE)).isGreaterThan(0);
            assertThat(nonePublished(ids)).as("every row still pending while the broker is down").isTrue();
            assertThat(metric(metrics, PUBLISHED)).isEqualTo(publishedBefore);
        } finally {
            servers.start(EnumSet.of(ServerKind.KAFKA));
        }

        Set<UUID> ids = plays.stream().map(Event::eventId).collect(Collectors.toSet());
        await().atMost(Duration.ofSeconds(60)).until(() -> allPublished(ids));
        await().atMost(Duration.ofSeconds(10)).until(() -> metric(metrics, PENDING) == 0 && metric(metrics, OLDEST_AGE) == 0);
        assertThat(metric(metrics, PUBLISHED)).isEqualTo(publishedBefore + plays.size());

        List<ConsumerRecord<String, byte[]>> records = recordsOf(Topics.TRACK_PLAYED, ids);
        Map<UUID, Long> copies = records.stream().collect(Collectors.groupingBy(OutboxTestSupport::eventId, Collectors.counting()));
        assertThat(copies).hasSize(plays.size()).allSatisfy((id, count) -> assertThat(count).as("copies of %s", id).isEqualTo(1));
        for (String key : tracks) {
            assertThat(records.stream().filter(r -> key.equals(r.key())).map(OutboxTestSupport::eventId).toList())
                    .as("order of %s", key)
                    .containsExactlyElementsOf(plays.stream().filter(p -> key.equals(p.trackId())).map(Event::eventId).toList());
        }
    }

    private static String uuid() {
        return UUID.randomUUID().toString();
    }
}
