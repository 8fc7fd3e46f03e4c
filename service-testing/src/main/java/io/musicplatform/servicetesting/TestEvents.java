package io.musicplatform.servicetesting;

import io.musicplatform.events.CatalogChanged;
import io.musicplatform.events.CatalogChangedSerializer;
import io.musicplatform.events.Event;
import io.musicplatform.events.EventSerializer;
import io.musicplatform.events.EventType;
import io.musicplatform.events.TopicCreator;
import io.musicplatform.events.Topics;
import io.musicplatform.events.TrackIngested;
import io.musicplatform.events.TrackIngestedSerializer;
import io.musicplatform.events.TrackPlayed;
import io.musicplatform.events.TrackPlayedSerializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Events on the test's real Kafka (the service's own {@code kafka.bootstrap.servers}): published as
 * their producer would (value bytes and CloudEvents headers, keyed by trackId, {@code acks=all}), raw
 * bytes as a broken producer would, and a topic read back whole.
 */
public final class TestEvents {

    private TestEvents() {
    }

    /** The broker the service under test uses. */
    public static String bootstrapServers() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    /** Creates topics with their declared settings, as their producing service would. */
    public static void createTopics(String... topics) {
        TopicCreator.ensure(bootstrapServers(), Arrays.stream(topics).map(Topics::spec).toList(), Duration.ofSeconds(30));
    }

    /** Publishes each event on its own topic, in order, each acknowledged by the broker before the next. */
    public static void publish(Event... events) {
        publish(bootstrapServers(), events);
    }

    /** {@link #publish(Event...)} on the broker at {@code bootstrapServers}, for tests outside a Quarkus application. */
    public static void publish(String bootstrapServers, Event... events) {
        try (KafkaProducer<String, byte[]> producer = producer(bootstrapServers)) {
            for (Event event : events) {
                String topic = EventType.of(event).topic();
                RecordHeaders headers = new RecordHeaders();
                byte[] value = serialize(topic, headers, event);
                producer.send(new ProducerRecord<>(topic, null, event.key(), value, headers)).get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("Could not publish " + events.length + " event(s)", e);
        }
    }

    /** Publishes bytes that may be no event at all. */
    public static void publishRaw(String topic, String key, byte[] value) {
        try (KafkaProducer<String, byte[]> producer = producer(bootstrapServers())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Could not publish to " + topic, e);
        }
    }

    /** Every record of {@code topic} from its beginning up to its end as it is now. */
    public static List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        return readAll(bootstrapServers(), topic);
    }

    /** {@link #readAll(String)} on the broker at {@code bootstrapServers}, for tests outside a Quarkus application. */
    public static List<ConsumerRecord<String, byte[]>> readAll(String bootstrapServers, String topic) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Could not read " + topic + " to its end within 60 s");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    @SuppressWarnings("unchecked")
    private static byte[] serialize(String topic, RecordHeaders headers, Event event) {
        try (EventSerializer<? extends Event> serializer = switch (event) {
            case TrackIngested ignored -> new TrackIngestedSerializer();
            case TrackPlayed ignored -> new TrackPlayedSerializer();
            case CatalogChanged ignored -> new CatalogChangedSerializer();
        }) {
            return ((EventSerializer<Event>) serializer).serialize(topic, headers, event);
        }
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrapServers) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }
}
