package io.musicplatform.stats.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.musicplatform.events.Topics;
import io.musicplatform.events.TrackPlayed;
import io.musicplatform.realservers.RealServersTestResource;
import io.musicplatform.servicecore.kafka.ConsumerLag;
import io.musicplatform.servicecore.kafka.DeadLetterQueue;
import io.musicplatform.stats.StatsApiTest;
import io.musicplatform.stats.StatsEvents;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.musicplatform.stats.StatsEvents.number;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The counting consumer on the real Kafka and PostgreSQL: counts are exact per track, listener, day
 * and rollup; a redelivered batch and a repeated eventId count nothing twice; bad bytes land in
 * track-played.dlq and the partition moves on.
 */
@QuarkusTest
@WithTestResource(value = RealServersTestResource.class,
        initArgs = @ResourceArg(name = RealServersTestResource.SERVERS, value = "kafka,postgres,keycloak"))
class TrackPlayedConsumerTest extends StatsApiTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Inject
    TrackPlayedConsumer consumer;

    @Inject
    DeadLetterQueue deadLetters;

    @Inject
    MeterRegistry registry;

    @Inject
    ConsumerLag lag;

    @Test
    void countsEveryPlayExactlyPerTrackListenerDayAndRollup() {
        String artist = "Artist " + UUID.randomUUID();
        String genre = "genre-" + UUID.randomUUID();
        List<String> tracks = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(), UUID.randomUUID().toString());
        List<String> users = List.of("user-" + UUID.randomUUID(), "user-" + UUID.randomUUID());
        Instant day1 = Instant.parse("2031-03-03T10:15:00Z"); // a Monday
        Instant day2 = Instant.parse("2031-03-04T22:45:00Z");
        List<TrackPlayed> plays = new ArrayList<>();
        for (int i = 0; i < 90; i++) {
            Instant at = (i % 3 == 0 ? day2 : day1).plusSeconds(i);
            plays.add(StatsEvents.play(tracks.get(i % 3), users.get(i % 2), at, artist, genre, i % 5 == 0 ? null : "FR"));
        }
        List<ConsumerRecord<String, byte[]>> written = StatsEvents.publish(plays);
        await().atMost(PATIENCE).until(() -> written.stream().allMatch(StatsEvents::counted));

        for (String track : tracks) {
            long expected = plays.stream().filter(p -> p.trackId().equals(track)).count();
            assertThat(number("SELECT plays FROM stats.track_plays WHERE track_id = ?", track)).as(track).isEqualTo(expected);
            assertThat(number("SELECT sum(plays) FROM stats.track_period_plays WHERE period = 'D' AND track_id = ?", track)).isEqualTo(expected);
            assertThat(number("SELECT plays FROM stats.track_period_plays WHERE period = 'W' AND starts = '2031-03-03' AND track_id = ?", track))
                    .isEqualTo(expected);
        }
        for (String user : users) {
            long expected = plays.stream().filter(p -> p.userId().equals(user)).count();
            assertThat(number("SELECT plays FROM stats.user_plays WHERE user_id = ?", user)).isEqualTo(expected);
            assertThat(number("SELECT count(*) FROM stats.listening_history WHERE user_id = ?", user)).isEqualTo(expected);
        }
        TrackPlayed last = plays.stream().filter(p -> p.userId().equals(users.get(0)))
                .max(java.util.Comparator.comparing(TrackPlayed::occurredAt)).orElseThrow();
        assertThat(number("SELECT count(*) FROM stats.user_plays WHERE user_id = ? AND last_track_id = ? AND last_played_at = ?",
                users.get(0), last.trackId(), last.occurredAt().atOffset(java.time.ZoneOffset.UTC))).isEqualTo(1);
        assertThat(number("SELECT plays FROM stats.artist_period_plays WHERE period = 'M' AND starts = '2031-03-01' AND artist = ?", artist))
                .isEqualTo(90);
        assertThat(number("SELECT plays FROM stats.genre_hour_plays WHERE day = '2031-03-04' AND hour = 22 AND genre = ?", genre))
                .isEqualTo(30);
        assertThat(number("SELECT sum(plays) FROM stats.genre_hour_plays WHERE genre = ?", genre)).isEqualTo(90);
        // These days are this test's alone: the global figures are its own plays.
        assertThat(number("SELECT plays FROM stats.daily_plays WHERE day = '2031-03-03'")).isEqualTo(60);
        assertThat(number("SELECT plays FROM stats.daily_plays WHERE day = '2031-03-04'")).isEqualTo(30);
        assertThat(number("SELECT plays FROM stats.context_daily_plays WHERE day = '2031-03-03' AND dimension = 'country' AND value = ''"))
                .isEqualTo(plays.stream().filter(p -> p.occurredAt().isBefore(day2) && p.context().country() == null).count());
    }

    @Test
    void aRedeliveredBatchCountsNothingTwice() {
        String track = UUID.randomUUID().toString();
        List<TrackPlayed> plays = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            plays.add(StatsEvents.play(track, "user-" + UUID.randomUUID(), Instant.parse("2031-04-01T08:00:00Z").plusSeconds(i), "Zaz", "pop", "FR"));
        }
        List<ConsumerRecord<String, byte[]>> written = StatsEvents.publish(plays);
        await().atMost(PATIENCE).until(() -> written.stream().allMatch(StatsEvents::counted));
        assertThat(number("SELECT plays FROM stats.track_plays WHERE track_id = ?", track)).isEqualTo(5);
        double repeatedBefore = registry.counter("music.stats.plays.repeated").count();

        // The same records at the same offsets, as Kafka redelivers a batch whose commit it never saw.
        Map<TopicPartition, List<ConsumerRecord<String, byte[]>>> byPartition = written.stream()
                .collect(Collectors.groupingBy(r -> new TopicPartition(r.topic(), r.partition())));
        consumer.consume(new ConsumerRecords<>(byPartition, Map.of())).await().atMost(PATIENCE);

        assertThat(number("SELECT plays FROM stats.track_plays WHERE track_id = ?", track)).isEqualTo(5);
        assertThat(number("SELECT count(*) FROM stats.listening_history WHERE track_id = ?", track)).isEqualTo(5);
        assertThat(registry.counter("music.stats.plays.repeated").count()).isEqualTo(repeatedBefore + 5);
    }

    @Test
    void theSameEventIdPublishedTwiceCountsOnceEvenMuchLater() {
        String track = UUID.randomUUID().toString();
        TrackPlayed play = StatsEvents.play(track, "user-" + UUID.randomUUID(), Instant.parse("2031-05-01T08:00:00Z"), "Zaz", "pop", "FR");
        // Twice in one batch, as a producer that retried at once...
        List<ConsumerRecord<String, byte[]>> first = StatsEvents.publish(play, play);
        await().atMost(PATIENCE).until(() -> first.stream().allMatch(StatsEvents::counted));
        assertThat(number("SELECT plays FROM stats.track_plays WHERE track_id = ?", track)).isEqualTo(1);

        // ...and again once that batch is long committed, at a new offset, beside a new play of the same track.
        TrackPlayed another = StatsEvents.play(track, play.userId(), Instant.parse("2031-05-01T09:00:00Z"), "Zaz", "pop", "FR");
        List<ConsumerRecord<String, byte[]>> again = StatsEvents.publish(play, another);
        await().atMost(PATIENCE).until(() -> again.stream().allMatch(StatsEvents::counted));

        assertThat(number("SELECT plays FROM stats.track_plays WHERE track_id = ?", track)).isEqualTo(2);
        assertThat(number("SELECT plays FROM stats.user_plays WHERE user_id = ?", play.userId())).isEqualTo(2);
        assertThat(number("SELECT count(*) FROM stats.listening_history WHERE event_id = ?", play.eventId())).isEqualTo(1);
    }

    @Test
    void unreadableBytesLandInTheDeadLetterTopicAndThePartitionMovesOn() {
        String track = UUID.randomUUID().toString();
        double deadBefore = deadLetters.count(Topics.TRACK_PLAYED);
        RecordMetadata bad = StatsEvents.publishRaw(track, "{\"trackId\": \"no event id\"}".getBytes(StandardCharsets.UTF_8));
        List<ConsumerRecord<String, byte[]>> good = StatsEvents.publish(
                StatsEvents.play(track, "user-" + UUID.randomUUID(), Instant.parse("2031-06-01T08:00:00Z"), "Zaz", "pop", "FR"));
        assertThat(good.getFirst().partition()).as("same key, same partition").isEqualTo(bad.partition());

        await().atMost(PATIENCE).until(() -> good.stream().allMatch(StatsEvents::counted));
        assertThat(number("SELECT plays FROM stats.track_plays WHERE track_id = ?", track)).isEqualTo(1);
        assertThat(deadLetters.count(Topics.TRACK_PLAYED)).isEqualTo(deadBefore + 1);
        ConsumerRecord<String, byte[]> letter = deadLetterOf(track);
        assertThat(new String(letter.value(), StandardCharsets.UTF_8)).isEqualTo("{\"trackId\": \"no event id\"}");
        assertThat(new String(letter.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                .contains("eventId");
        assertThat(new String(letter.headers().lastHeader("dead-letter-offset").value(), StandardCharsets.UTF_8))
                .isEqualTo(Long.toString(bad.offset()));
    }

    @Test
    void theLagIsMeasuredFromTheOffsetsStoredWithTheCounts() throws Exception {
        List<ConsumerRecord<String, byte[]>> written = StatsEvents.publish(
                StatsEvents.play(UUID.randomUUID().toString(), "user-" + UUID.randomUUID(), Instant.parse("2031-07-01T08:00:00Z"), "Zaz", "pop", "FR"));
        await().atMost(PATIENCE).until(() -> written.stream().allMatch(StatsEvents::counted));

        for (ConsumerLag.PartitionLag partition : lag.of(Topics.TRACK_PLAYED)) {
            long stored = number("SELECT next_offset FROM stats.consumer_offset WHERE topic = 'track-played' AND partition = ?",
                    partition.partition());
            if (stored > 0) {
                assertThat(partition.committed()).as("partition %d", partition.partition()).isGreaterThanOrEqualTo(stored);
                assertThat(partition.lag()).isEqualTo(Math.max(0, partition.end() - partition.committed()));
            }
        }
        int partition = written.getFirst().partition();
        assertThat(lag.of(Topics.TRACK_PLAYED).stream().filter(p -> p.partition() == partition).findFirst().orElseThrow().committed())
                .as("the Kafka group itself never commits: the figure can only come from the database")
                .isGreaterThan(written.getFirst().offset());
    }

    private static ConsumerRecord<String, byte[]> deadLetterOf(String key) {
        try (KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, StatsEvents.bootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition dlq = new TopicPartition(Topics.deadLetter(Topics.TRACK_PLAYED), 0);
            reader.assign(List.of(dlq));
            reader.seekToBeginning(List.of(dlq));
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(500))) {
                    if (key.equals(record.key())) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("No dead letter with key " + key);
    }
}
