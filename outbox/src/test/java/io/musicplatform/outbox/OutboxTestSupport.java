package io.musicplatform.outbox;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;

import io.musicplatform.events.CloudEventHeaders;
import io.musicplatform.events.EventCodec;
import io.musicplatform.events.TopicCreator;
import io.musicplatform.events.Topics;
import io.musicplatform.events.TrackIngested;
import io.musicplatform.events.TrackPlayed;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/** Events, transactions, topics and metrics for the outbox's tests. */
final class OutboxTestSupport {

    /** The schema the test application keeps its outbox in, as a service keeps its own. */
    static final String TABLE = "outbox_test.outbox";

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private OutboxTestSupport() {
    }

    static String bootstrapServers() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    static String cloudEventsSource() {
        return ConfigProvider.getConfig().getValue("music.outbox.cloudevents-source", String.class);
    }

    /** The topics the tests publish to, created from their declarations as the producing services create them. */
    static void createTopics() {
        TopicCreator.ensure(bootstrapServers(), List.of(Topics.spec(Topics.TRACK_PLAYED), Topics.spec(Topics.TRACK_INGESTED)),
                Duration.ofSeconds(30));
    }

    /**
     * A play as playback-service would announce it. Built from JSON through the codec rather than
     * with the record's constructor, so that fields added to the event later leave this test alone.
     */
    static TrackPlayed played(String trackId) {
        return played(trackId, "listener-42");
    }

    /** A play by {@code userId}: a long one makes a record as large as a test needs. */
    static TrackPlayed played(String trackId, String userId) {
        return EventCodec.TRACK_PLAYED.decode(("""
                {"eventId": "%s", "occurredAt": "%s", "trackId": "%s", "userId": "%s",
                 "context": {"platform": "web", "device": "computer", "country": "DE"},
                 "track": {"artist": "Queen", "genre": "rock", "durationMs": 354000}}
                """).formatted(UUID.randomUUID(), Instant.now(), trackId, userId).getBytes(StandardCharsets.UTF_8));
    }

    static TrackIngested ingested(String trackId, int revision) {
        return EventCodec.TRACK_INGESTED.decode(("""
                {"eventId": "%s", "occurredAt": "%s", "trackId": "%s", "revision": %d, "status": "AVAILABLE",
                 "title": "Bohemian Rhapsody", "artists": ["Queen"], "durationMs": 354000,
                 "media": {"bucket": "media", "key": "tracks/%s.mp3", "contentType": "audio/mpeg", "codec": "mp3",
                           "sizeBytes": 16000, "sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"}}
                """).formatted(UUID.randomUUID(), Instant.now(), trackId, revision, trackId).getBytes(StandardCharsets.UTF_8));
    }

    /** Runs {@code work} in a reactive transaction, as a service's request handler would, and waits for the commit. */
    static <T> T inTransaction(Supplier<Uni<T>> work) {
        return onVertxContext(() -> Panache.withTransaction(work));
    }

    /** The outbox rows of these events, read through the entity. */
    static List<OutboxEntry> rows(Collection<UUID> eventIds) {
        return onVertxContext(() -> Panache.withSession(
                () -> OutboxEntry.<OutboxEntry>list("eventId in ?1 order by id", List.copyOf(eventIds))));
    }

    /** Runs reactive work where Hibernate Reactive wants it, on a Vert.x context, and waits for its outcome. */
    static <T> T onVertxContext(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** The outbox row of this event; fails when there is none. */
    static OutboxEntry row(UUID eventId) {
        List<OutboxEntry> rows = rows(List.of(eventId));
        if (rows.size() != 1) {
            throw new AssertionError("Expected one outbox row for event " + eventId + ", found " + rows.size());
        }
        return rows.get(0);
    }

    static boolean allPublished(Collection<UUID> eventIds) {
        List<OutboxEntry> rows = rows(eventIds);
        return rows.size() == eventIds.size() && rows.stream().allMatch(row -> row.publishedAt != null);
    }

    static boolean nonePublished(Collection<UUID> eventIds) {
        List<OutboxEntry> rows = rows(eventIds);
        return rows.size() == eventIds.size() && rows.stream().allMatch(row -> row.publishedAt == null);
    }

    /** Every record on the topic now, from the beginning, partition by partition in offset order. */
    static List<ConsumerRecord<String, byte[]>> readTopic(String topic) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("Could not read " + topic + " up to " + ends + " within 60 s");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    /** The records of {@code topic} whose CloudEvents id is one of {@code eventIds}. */
    static List<ConsumerRecord<String, byte[]>> recordsOf(String topic, Set<UUID> eventIds) {
        return readTopic(topic).stream().filter(record -> eventIds.contains(eventId(record))).toList();
    }

    static UUID eventId(ConsumerRecord<String, byte[]> record) {
        return CloudEventHeaders.read(record.headers(), CloudEventHeaders.ID).map(UUID::fromString).orElse(null);
    }

    /**
     * A sample as Prometheus scrapes it from {@code /q/metrics}, e.g. {@code music_outbox_pending} or
     * {@code music_events_published_total{topic="track-played"}}; 0 when it is absent.
     */
    static double metric(URL metrics, String sample) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(metrics.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + metrics + " answered " + response.statusCode() + ": " + response.body());
        }
        for (String line : response.body().split("\n")) {
            int space = line.lastIndexOf(' ');
            if (!line.startsWith("#") && space > 0 && line.substring(0, space).equals(sample)) {
                return Double.parseDouble(line.substring(space + 1));
            }
        }
        return 0;
    }
}
