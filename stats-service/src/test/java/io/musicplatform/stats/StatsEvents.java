package io.musicplatform.stats;

import io.musicplatform.events.PlayContext;
import io.musicplatform.events.TopicCreator;
import io.musicplatform.events.Topics;
import io.musicplatform.events.TrackFacts;
import io.musicplatform.events.TrackPlayed;
import io.musicplatform.events.TrackPlayedSerializer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Publishes track-played records on the test's Kafka as playback-service would (and raw bytes as a broken producer would), and reads the stats schema. */
public final class StatsEvents {

    private StatsEvents() {
    }

    public static TrackPlayed play(String trackId, String userId, Instant at, String artist, String genre, String country) {
        return new TrackPlayed(UUID.randomUUID(), at, trackId, userId, new PlayContext("web", "computer", country),
                new TrackFacts(artist, genre, 180_000));
    }

    /** Publishes {@code plays} in order and returns the records as written, with their partitions and offsets. */
    public static List<ConsumerRecord<String, byte[]>> publish(List<TrackPlayed> plays) {
        try (KafkaProducer<String, byte[]> producer = producer(); TrackPlayedSerializer serializer = new TrackPlayedSerializer()) {
            List<Future<RecordMetadata>> sent = new java.util.ArrayList<>();
            List<ProducerRecord<String, byte[]>> written = new java.util.ArrayList<>();
            for (TrackPlayed play : plays) {
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.TRACK_PLAYED, play.trackId(), null);
                byte[] value = serializer.serialize(Topics.TRACK_PLAYED, record.headers(), play);
                ProducerRecord<String, byte[]> out = new ProducerRecord<>(Topics.TRACK_PLAYED, null, play.trackId(), value, record.headers());
                written.add(out);
                sent.add(producer.send(out));
            }
            List<ConsumerRecord<String, byte[]>> records = new java.util.ArrayList<>();
            for (int i = 0; i < sent.size(); i++) {
                RecordMetadata where = sent.get(i).get(30, TimeUnit.SECONDS);
                ProducerRecord<String, byte[]> out = written.get(i);
                records.add(new ConsumerRecord<>(out.topic(), where.partition(), where.offset(), where.timestamp(),
                        org.apache.kafka.common.record.TimestampType.CREATE_TIME, -1, out.value().length, out.key(), out.value(),
                        out.headers(), java.util.Optional.empty()));
            }
            return records;
        } catch (Exception e) {
            throw new IllegalStateException("Could not publish to " + Topics.TRACK_PLAYED, e);
        }
    }

    public static List<ConsumerRecord<String, byte[]>> publish(TrackPlayed... plays) {
        return publish(List.of(plays));
    }

    public static RecordMetadata publishRaw(String key, byte[] value) {
        try (KafkaProducer<String, byte[]> producer = producer()) {
            return producer.send(new ProducerRecord<>(Topics.TRACK_PLAYED, key, value)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Could not publish to " + Topics.TRACK_PLAYED, e);
        }
    }

    /** The topic is playback-service's; the tests create it as it would. */
    public static void createTopics() {
        TopicCreator.ensure(bootstrapServers(), List.of(Topics.spec(Topics.TRACK_PLAYED)), Duration.ofSeconds(30));
    }

    public static String bootstrapServers() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    /** One number from the stats schema, e.g. {@code SELECT plays FROM stats.track_plays WHERE track_id = ?}; 0 when no row. */
    public static long number(String sql, Object... parameters) {
        var config = ConfigProvider.getConfig();
        try (Connection db = DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class), config.getValue("quarkus.datasource.password", String.class));
             PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getLong(1) : 0;
            }
        } catch (Exception e) {
            throw new IllegalStateException("Could not run " + sql, e);
        }
    }

    /** Whether the consumer has stored an offset past {@code record}: its batch is committed. */
    public static boolean counted(ConsumerRecord<String, byte[]> record) {
        return counted(record.partition(), record.offset());
    }

    public static boolean counted(int partition, long offset) {
        return number("SELECT next_offset FROM stats.consumer_offset WHERE topic = 'track-played' AND partition = ?", partition) > offset;
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new ByteArraySerializer());
    }
}
