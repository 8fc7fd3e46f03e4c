package io.musicplatform.servicecore.kafka;

import io.musicplatform.events.DeadLetterHeaders;
import io.musicplatform.events.EventCodec;
import io.musicplatform.events.PlayContext;
import io.musicplatform.events.TopicCreator;
import io.musicplatform.events.Topics;
import io.musicplatform.events.TrackFacts;
import io.musicplatform.events.TrackPlayed;
import io.musicplatform.events.TrackPlayedSerializer;
import io.musicplatform.realservers.RealServersTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

/**
 * The consumer helper against the real Kafka: a service whose topic is missing waits, not ready; valid
 * events reach the consumer's logic; an unreadable record lands on the dead-letter topic with the
 * error in its headers, is counted, and the partition moves on.
 */
@QuarkusTest
@WithTestResource(value = RealServersTestResource.class,
        initArgs = @ResourceArg(name = RealServersTestResource.SERVERS, value = "kafka"))
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EventRecordsTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    RecordingPlaysConsumer consumer;

    @Inject
    EventRecords records;

    @Inject
    DeadLetterQueue deadLetters;

    @TestHTTPResource(value = "health/ready", management = true)
    URL readiness;

    @TestHTTPResource(value = "metrics", management = true)
    URL metrics;

    @Test
    @Order(1)
    void waitsNotReadyWhileItsTopicIsMissingAndBecomesReadyWhenItAppears() {
        // The service created its dead-letter topic itself; the topic it reads belongs to a producer.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get(readiness).then().statusCode(503)
                .body("checks.find { it.name == 'Kafka topics' }.data.missing", is(Topics.TRACK_PLAYED)));

        TopicCreator.ensure(bootstrapServers, List.of(Topics.spec(Topics.TRACK_PLAYED)), Duration.ofSeconds(30));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get(readiness).then().statusCode(200)
                .body("checks.name", hasItem("Kafka topics")));
    }

    @Test
    @Order(2)
    void readsValidEventsAndMovesAnUnreadableRecordToTheDeadLetterTopic() {
        TrackPlayed before = play();
        TrackPlayed after = play();
        byte[] garbage = "{\"eventId\": \"not-a-uuid\"}".getBytes(StandardCharsets.UTF_8);
        String badKey = UUID.randomUUID().toString();
        double deadBefore = deadLetters.count(Topics.TRACK_PLAYED);
        double consumedBefore = records.consumedCount(Topics.TRACK_PLAYED);

        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer());
             TrackPlayedSerializer serializer = new TrackPlayedSerializer()) {
            // One partition key for all three, so they are read in this order.
            String key = before.trackId();
            producer.send(new ProducerRecord<>(Topics.TRACK_PLAYED, key, serializer.serialize(Topics.TRACK_PLAYED, before)));
            ProducerRecord<String, byte[]> bad = new ProducerRecord<>(Topics.TRACK_PLAYED, key, garbage);
            bad.headers().add("trace", badKey.getBytes(StandardCharsets.UTF_8));
            producer.send(bad);
            producer.send(new ProducerRecord<>(Topics.TRACK_PLAYED, key, serializer.serialize(Topics.TRACK_PLAYED, after)));
            producer.flush();
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(consumer.received()).extracting(TrackPlayed::eventId).contains(before.eventId(), after.eventId()));
        assertThat(deadLetters.count(Topics.TRACK_PLAYED)).isEqualTo(deadBefore + 1);
        assertThat(consumer.onVertxContext()).as("the consumer's logic runs on a Vert.x context, dead letter or not")
                .hasSizeGreaterThanOrEqualTo(3).containsOnly(true);
        assertThat(records.consumedCount(Topics.TRACK_PLAYED)).isGreaterThanOrEqualTo(consumedBefore + 2);

        ConsumerRecord<byte[], byte[]> letter = deadLetter(badKey);
        assertThat(letter.value()).isEqualTo(garbage);
        assertThat(new String(letter.key(), StandardCharsets.UTF_8)).isEqualTo(before.trackId());
        assertThat(DeadLetterHeaders.read(letter.headers(), DeadLetterHeaders.REASON)).get().asString()
                .contains("not a valid TrackPlayed").contains("eventId");
        assertThat(DeadLetterHeaders.read(letter.headers(), DeadLetterHeaders.TOPIC)).contains(Topics.TRACK_PLAYED);
        assertThat(DeadLetterHeaders.read(letter.headers(), DeadLetterHeaders.OFFSET)).isPresent();

        given().accept("text/plain").get(metrics).then().statusCode(200)
                .body(containsString("music_dlq_records_total{topic=\"track-played\""))
                .body(containsString("music_events_consumed_total{group=\"service-core-test\",topic=\"track-played\""));
    }

    @Test
    @Order(3)
    void reportsTheConsumerLagOfEachPartitionItReadsFromWhatItCommitted() {
        // Everything produced so far has been read; once the consumer has committed, every partition's lag is 0.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            String text = given().accept("text/plain").get(metrics).then().extract().asString();
            List<String> lags = text.lines()
                    .filter(line -> line.startsWith("music_consumer_lag{group=\"service-core-test\"") && line.contains("topic=\"track-played\""))
                    .toList();
            assertThat(lags).hasSize(Topics.spec(Topics.TRACK_PLAYED).partitions())
                    .allSatisfy(line -> assertThat(line).endsWith(" 0.0"));
        });
    }

    @Test
    @Order(4)
    void readsABatchInOrderWithItsRecordsAndMovesItsUnreadableRecordsToTheDeadLetterTopic() throws Exception {
        TrackPlayed first = play();
        TrackPlayed second = play();
        String badKey = UUID.randomUUID().toString();
        byte[] garbage = "not JSON".getBytes(StandardCharsets.UTF_8);
        ConsumerRecord<String, byte[]> bad = new ConsumerRecord<>(Topics.TRACK_PLAYED, 0, 11, first.trackId(), garbage);
        bad.headers().add("trace", badKey.getBytes(StandardCharsets.UTF_8));
        List<ConsumerRecord<String, byte[]>> batch;
        try (TrackPlayedSerializer serializer = new TrackPlayedSerializer()) {
            batch = List.of(
                    new ConsumerRecord<>(Topics.TRACK_PLAYED, 0, 10, first.trackId(), serializer.serialize(Topics.TRACK_PLAYED, first)),
                    bad,
                    new ConsumerRecord<>(Topics.TRACK_PLAYED, 0, 12, first.trackId(), null),
                    new ConsumerRecord<>(Topics.TRACK_PLAYED, 0, 13, first.trackId(), serializer.serialize(Topics.TRACK_PLAYED, second)));
        }
        double deadBefore = deadLetters.count(Topics.TRACK_PLAYED);
        double consumedBefore = records.consumedCount(Topics.TRACK_PLAYED);

        List<String> read = records.readAll(batch, EventCodec.TRACK_PLAYED, (record, event) -> record.offset() + ":" + event.eventId())
                .await().atMost(Duration.ofSeconds(60));

        assertThat(read).as("in the order of the records, without the dead letter and the tombstone")
                .containsExactly("10:" + first.eventId(), "13:" + second.eventId());
        assertThat(deadLetters.count(Topics.TRACK_PLAYED)).as("counted once it is acknowledged").isEqualTo(deadBefore + 1);
        assertThat(records.consumedCount(Topics.TRACK_PLAYED)).isEqualTo(consumedBefore + 2);
        ConsumerRecord<byte[], byte[]> letter = deadLetter(badKey);
        assertThat(letter.value()).isEqualTo(garbage);
        assertThat(DeadLetterHeaders.read(letter.headers(), DeadLetterHeaders.REASON)).get().asString().contains("not JSON");
        assertThat(DeadLetterHeaders.read(letter.headers(), DeadLetterHeaders.OFFSET)).contains("11");
    }

    private ConsumerRecord<byte[], byte[]> deadLetter(String trace) {
        try (KafkaConsumer<byte[], byte[]> reader = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            reader.subscribe(List.of(Topics.deadLetter(Topics.TRACK_PLAYED)));
            List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                reader.poll(Duration.ofMillis(200)).forEach(record -> {
                    var header = record.headers().lastHeader("trace");
                    if (header != null && new String(header.value(), StandardCharsets.UTF_8).equals(trace)) {
                        found.add(record);
                    }
                });
                return !found.isEmpty();
            });
            return found.getFirst();
        }
    }

    private static TrackPlayed play() {
        return new TrackPlayed(UUID.randomUUID(), Instant.now(), "5b0d7c1e-3f7a-4c43-9f8e-2a1d6c0b9e11", "listener-1",
                new PlayContext("web", "computer", "FR"), new TrackFacts("Mylène Farmer", "pop", 215_000));
    }

}
