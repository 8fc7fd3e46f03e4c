package io.musicplatform.catalog;

import io.musicplatform.events.Media;
import io.musicplatform.events.TopicCreator;
import io.musicplatform.events.Topics;
import io.musicplatform.events.TrackIngested;
import io.musicplatform.events.TrackIngestedSerializer;
import io.musicplatform.events.TrackStatus;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** Publishes track-ingested records on the test's Kafka, as ingestion-service would, and raw bytes as a broken producer would. */
public final class CatalogEvents {

    private CatalogEvents() {
    }

    public static TrackIngested revision(String trackId, long revision, TrackStatus status, String title, List<String> artists,
                                         String album, String genre) {
        return revision(trackId, revision, status, title, artists, album, genre, 1, 7);
    }

    /** A revision on an album, at a disc and track number. */
    public static TrackIngested revision(String trackId, long revision, TrackStatus status, String title, List<String> artists,
                                         String album, String genre, Integer discNumber, Integer trackNumber) {
        return new TrackIngested(UUID.randomUUID(), Instant.now(), trackId, revision, status, title, artists, album, null,
                genre, 2004, trackNumber, discNumber, 214_000, new Media("media", "tracks/" + trackId + ".mp3", "audio/mpeg", "mp3", 320, 44_100,
                8_560_000, "0".repeat(64)), List.of());
    }

    public static void publish(TrackIngested... events) {
        try (KafkaProducer<String, byte[]> producer = producer(); TrackIngestedSerializer serializer = new TrackIngestedSerializer()) {
            for (TrackIngested event : events) {
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.TRACK_INGESTED, event.trackId(), null);
                byte[] value = serializer.serialize(Topics.TRACK_INGESTED, record.headers(), event);
                producer.send(new ProducerRecord<>(Topics.TRACK_INGESTED, null, event.trackId(), value, record.headers()))
                        .get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("Could not publish to " + Topics.TRACK_INGESTED, e);
        }
    }

    public static void publishRaw(String key, byte[] value) {
        try (KafkaProducer<String, byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>(Topics.TRACK_INGESTED, key, value)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Could not publish to " + Topics.TRACK_INGESTED, e);
        }
    }

    /** The topic is ingestion-service's; the tests create it as it would. */
    public static void createTopics() {
        TopicCreator.ensure(bootstrapServers(), List.of(Topics.spec(Topics.TRACK_INGESTED)), Duration.ofSeconds(30));
    }

    public static String bootstrapServers() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }
}
