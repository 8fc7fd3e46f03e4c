package io.musicplatform.outbox;

import static io.musicplatform.outbox.OutboxTestSupport.allPublished;
import static io.musicplatform.outbox.OutboxTestSupport.eventId;
import static io.musicplatform.outbox.OutboxTestSupport.inTransaction;
import static io.musicplatform.outbox.OutboxTestSupport.ingested;
import static io.musicplatform.outbox.OutboxTestSupport.nonePublished;
import static io.musicplatform.outbox.OutboxTestSupport.onVertxContext;
import static io.musicplatform.outbox.OutboxTestSupport.played;
import static io.musicplatform.outbox.OutboxTestSupport.recordsOf;
import static io.musicplatform.outbox.OutboxTestSupport.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.musicplatform.events.CloudEventHeaders;
import io.musicplatform.events.Event;
import io.musicplatform.events.EventSerializer;
import io.musicplatform.events.Topics;
import io.musicplatform.events.TrackIngested;
import io.musicplatform.events.TrackIngestedSerializer;
import io.musicplatform.events.TrackPlayed;
import io.musicplatform.events.TrackPlayedSerializer;
import io.musicplatform.realservers.RealServersTestResource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;

/** What a service relies on: committed events are published once, in order, as the serializers write them. */
@QuarkusTest
@WithTestResource(value = RealServersTestResource.class,
        initArgs = @ResourceArg(name = RealServersTestResource.SERVERS, value = "kafka,postgres"))
class OutboxTest {

    private static final Duration PUBLISHED_WITHIN = Duration.ofSeconds(30);

    @Inject
    Outbox outbox;

    @Inject
    Pool pool;

    @BeforeAll
    static void createTopics() {
        OutboxTestSupport.createTopics();
    }

    @Test
    void committedEventsArePublishedOnceEachInOrderPerKeyAsTheSerializersWriteThem() throws Exception {
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        List<TrackPlayed> plays = List.of(played(first), played(second), played(first), played(first), played(second));
        TrackIngested revision = ingested(first, 1);
        inTransaction(() -> appendAll(plays).chain(() -> outbox.append(revision)));
        TrackPlayed later = played(first);
        inTransaction(() -> outbox.append(later));

        List<TrackPlayed> all = new ArrayList<>(plays);
        all.add(later);
        Set<UUID> playIds = all.stream().map(Event::eventId).collect(Collectors.toSet());
        Set<UUID> everyId = new HashSet<>(playIds);
        everyId.add(revision.eventId());
        await().atMost(PUBLISHED_WITHIN).until(() -> allPublished(everyId));

        List<ConsumerRecord<String, byte[]>> records = recordsOf(Topics.TRACK_PLAYED, playIds);
        assertThat(records).extracting(OutboxTestSupport::eventId).doesNotHaveDuplicates().hasSize(all.size());
        assertThat(recordsOfKey(records, first)).extracting(OutboxTestSupport::eventId).containsExactly(
                all.get(0).eventId(), all.get(2).eventId(), all.get(3).eventId(), later.eventId());
        assertThat(recordsOfKey(records, second)).extracting(OutboxTestSupport::eventId).containsExactly(
                all.get(1).eventId(), all.get(4).eventId());
        Map<UUID, TrackPlayed> byId = all.stream().collect(Collectors.toMap(Event::eventId, play -> play));
        for (ConsumerRecord<String, byte[]> record : records) {
            assertIsWhatTheSerializerWrites(record, byId.get(eventId(record)), new TrackPlayedSerializer());
        }

        List<ConsumerRecord<String, byte[]>> revisions = recordsOf(Topics.TRACK_INGESTED, Set.of(revision.eventId()));
        assertThat(revisions).hasSize(1);
        assertIsWhatTheSerializerWrites(revisions.get(0), revision, new TrackIngestedSerializer());
    }

    @Test
    void aGroupAppendedInOneCommitIsPublishedOnceEachInItsOrderAsTheSerializerWritesIt() throws Exception {
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        List<TrackPlayed> plays = List.of(played(first), played(second), played(first), played(second), played(first));
        onVertxContext(() -> outbox.appendCommitted(plays));

        Set<UUID> playIds = plays.stream().map(Event::eventId).collect(Collectors.toSet());
        assertThat(rows(playIds)).hasSize(plays.size());
        await().atMost(PUBLISHED_WITHIN).until(() -> allPublished(playIds));
        List<ConsumerRecord<String, byte[]>> records = recordsOf(Topics.TRACK_PLAYED, playIds);
        assertThat(records).extracting(OutboxTestSupport::eventId).doesNotHaveDuplicates().hasSize(plays.size());
        assertThat(recordsOfKey(records, first)).extracting(OutboxTestSupport::eventId).containsExactly(
                plays.get(0).eventId(), plays.get(2).eventId(), plays.get(4).eventId());
        Map<UUID, TrackPlayed> byId = plays.stream().collect(Collectors.toMap(Event::eventId, play -> play));
        for (ConsumerRecord<String, byte[]> record : records) {
            assertIsWhatTheSerializerWrites(record, byId.get(eventId(record)), new TrackPlayedSerializer());
        }
    }

    @Test
    void aGroupWithAnEventAlreadyAppendedFailsWholeAndLeavesNoNewRow() throws Exception {
        TrackPlayed earlier = played(UUID.randomUUID().toString());
        inTransaction(() -> outbox.append(earlier));
        TrackPlayed fresh = played(UUID.randomUUID().toString());
        assertThatThrownBy(() -> onVertxContext(() -> outbox.appendCommitted(List.of(fresh, earlier))))
                .hasMessageContaining("outbox_event_id_unique");
        assertThat(rows(Set.of(fresh.eventId()))).isEmpty();
    }

    @Test
    void aRolledBackTransactionPublishesNothing() throws Exception {
        String track = UUID.randomUUID().toString();
        TrackPlayed rolledBack = played(track);
        assertThatThrownBy(() -> inTransaction(() -> outbox.append(rolledBack)
                .chain(() -> Uni.createFrom().failure(new IllegalStateException("the play could not be recorded"))))
        ).hasMessage("the play could not be recorded");
        // A later event of the same key: once it is out, the rolled-back one (appended first) would be too.
        TrackPlayed committed = played(track);
        inTransaction(() -> outbox.append(committed));
        await().atMost(PUBLISHED_WITHIN).until(() -> allPublished(Set.of(committed.eventId())));

        assertThat(rows(Set.of(rolledBack.eventId()))).isEmpty();
        assertThat(recordsOf(Topics.TRACK_PLAYED, Set.of(rolledBack.eventId(), committed.eventId())))
                .extracting(OutboxTestSupport::eventId).containsExactly(committed.eventId());
    }

    @Test
    void appendingOutsideATransactionFailsAndSaysWhatToDo() {
        TrackPlayed play = played(UUID.randomUUID().toString());
        assertThatThrownBy(() -> OutboxTestSupport.onVertxContext(() -> Panache.withSession(() -> outbox.append(play))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("outside a transaction")
                .hasMessageContaining("Panache.withTransaction");
    }

    @Test
    void appendingForAnUndeclaredTopicOrAnotherEventsTopicFailsTheTransactionAndLeavesNoRow() {
        String track = UUID.randomUUID().toString();
        TrackPlayed appendedFirst = played(track);
        TrackPlayed play = played(track);

        assertThatThrownBy(() -> inTransaction(() -> outbox.append(appendedFirst)
                .chain(() -> outbox.append("track-plays", track, play))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(play.eventId().toString())
                .hasMessageContaining("topic 'track-plays' is not declared in " + Topics.class.getName())
                .hasMessageContaining("goes to 'track-played'");
        for (String otherTopic : List.of(Topics.TRACK_INGESTED, Topics.deadLetter(Topics.TRACK_PLAYED))) {
            assertThatThrownBy(() -> inTransaction(() -> outbox.append(appendedFirst)
                    .chain(() -> outbox.append(otherTopic, track, play))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("topic '" + otherTopic + "' is declared for other records")
                    .hasMessageContaining("a TrackPlayed (music.track.played.v1) goes to 'track-played'");
        }

        assertThat(rows(Set.of(appendedFirst.eventId(), play.eventId())))
                .as("the refused append rolled back its transaction, the event appended before it included").isEmpty();
    }

    @Test
    void theSameEventCannotBeAppendedTwice() throws Exception {
        TrackPlayed play = played(UUID.randomUUID().toString());
        inTransaction(() -> outbox.append(play));
        assertThatThrownBy(() -> inTransaction(() -> outbox.append(play))).hasStackTraceContaining("outbox_event_id_unique");
        await().atMost(PUBLISHED_WITHIN).until(() -> allPublished(Set.of(play.eventId())));
    }

    @Test
    void whileAnotherReplicaHoldsTheRelayLockThisOneWaits() throws Exception {
        TrackPlayed play = played(UUID.randomUUID().toString());
        SqlConnection otherReplica = pool.getConnectionAndAwait();
        Transaction batch = otherReplica.beginAndAwait();
        try {
            otherReplica.preparedQuery("SELECT pg_advisory_xact_lock(hashtext($1))").executeAndAwait(Tuple.of(OutboxTestSupport.TABLE));
            inTransaction(() -> outbox.append(play));
            // Several polls go by (one a second) while the other replica's batch holds the lock.
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6)).until(() -> nonePublished(Set.of(play.eventId())));
        } finally {
            batch.rollbackAndAwait();
            otherReplica.closeAndAwait();
        }
        await().atMost(PUBLISHED_WITHIN).until(() -> allPublished(Set.of(play.eventId())));
    }

    @Test
    void publishedRowsAreDeletedAfterTheRetention() throws Exception {
        TrackPlayed recent = played(UUID.randomUUID().toString());
        inTransaction(() -> outbox.append(recent));
        await().atMost(PUBLISHED_WITHIN).until(() -> allPublished(Set.of(recent.eventId())));
        UUID expired = UUID.randomUUID();
        pool.preparedQuery("INSERT INTO " + OutboxTestSupport.TABLE + " (topic, record_key, payload, headers, event_id, created_at, published_at)"
                        + " VALUES ('track-played', 'track-1', convert_to('{}', 'UTF8'), '{}', $1, now() - interval '26 hours',"
                        + " now() - interval '25 hours')")
                .executeAndAwait(Tuple.of(expired));

        await().atMost(PUBLISHED_WITHIN).until(() -> rows(Set.of(expired)).isEmpty());
        assertThat(rows(Set.of(recent.eventId()))).hasSize(1);
    }

    private Uni<Void> appendAll(List<? extends Event> events) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Event event : events) {
            chain = chain.chain(() -> outbox.append(event));
        }
        return chain;
    }

    private static List<ConsumerRecord<String, byte[]>> recordsOfKey(List<ConsumerRecord<String, byte[]>> records, String key) {
        return records.stream().filter(record -> key.equals(record.key())).toList();
    }

    /** Value and headers byte for byte, against the events-schema serializer set up as a service would set it. */
    private static <T extends Event> void assertIsWhatTheSerializerWrites(ConsumerRecord<String, byte[]> record, T event,
                                                                        EventSerializer<? super T> serializer) {
        serializer.configure(Map.of(CloudEventHeaders.SOURCE_CONFIG, OutboxTestSupport.cloudEventsSource()), false);
        Headers expectedHeaders = new RecordHeaders();
        byte[] expectedValue = serializer.serialize(record.topic(), expectedHeaders, event);

        assertThat(record.key()).isEqualTo(event.key());
        assertThat(record.value()).isEqualTo(expectedValue);
        assertThat(text(record.headers())).containsExactlyEntriesOf(text(expectedHeaders));
        assertThat(text(record.headers())).containsEntry(CloudEventHeaders.SOURCE, "/outbox-test");
    }

    private static Map<String, String> text(Headers headers) {
        Map<String, String> text = new LinkedHashMap<>();
        for (Header header : headers) {
            text.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        return text;
    }
}
