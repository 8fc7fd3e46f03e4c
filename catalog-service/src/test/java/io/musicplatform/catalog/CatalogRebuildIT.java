package io.musicplatform.catalog;

import io.musicplatform.events.Media;
import io.musicplatform.events.TopicCreator;
import io.musicplatform.events.Topics;
import io.musicplatform.events.TrackIngested;
import io.musicplatform.events.TrackIngestedSerializer;
import io.musicplatform.events.TrackStatus;
import io.musicplatform.realservers.PostgresServer;
import io.musicplatform.realservers.RealServers;
import io.musicplatform.realservers.ServerKind;
import io.musicplatform.realservers.SharedRealServers;
import io.musicplatform.servicetesting.LaunchedService;
import io.musicplatform.servicetesting.ServiceLauncher;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The rebuild of docs/services/catalog-service.md, done as an operator would on the packaged service:
 * project a catalog, stop the service, drop the projection, move the consumer group back to the start
 * of track-ingested, start again, and find the same catalog.
 */
class CatalogRebuildIT {

    private static final Set<ServerKind> STORES = Set.of(ServerKind.KAFKA, ServerKind.POSTGRES);
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final String GROUP = "catalog-service";
    private static final List<String> TABLES = List.of(
            "SELECT id, revision, status, title, album_id, genre, year, disc_number, track_number, duration_ms, created_at, updated_at FROM catalog.track ORDER BY id",
            "SELECT track_id, position, artist_id FROM catalog.track_artist ORDER BY track_id, position",
            "SELECT id, name FROM catalog.artist ORDER BY id",
            "SELECT id, title, artist_id FROM catalog.album ORDER BY id");

    @Test
    void aRebuildFromTheTopicGivesTheSameCatalog() throws Exception {
        RealServers servers = SharedRealServers.start(STORES);
        String bootstrap = servers.kafka().bootstrapServers();
        TopicCreator.ensure(bootstrap, List.of(Topics.spec(Topics.TRACK_INGESTED)), Duration.ofSeconds(30));
        List<TrackIngested> events = catalogOfRevisions(300);
        publish(bootstrap, events);
        long latest = events.stream().map(TrackIngested::trackId).distinct().count();

        try (LaunchedService catalog = ServiceLauncher.of(Path.of("")).withServers(servers, STORES).start()) {
            catalog.awaitReady(PATIENCE);
            await().atMost(PATIENCE).until(() -> count(servers) == latest && lagIsZero(bootstrap));
            List<List<String>> before = snapshot(servers);

            catalog.stop();
            try (Connection db = connect(servers); Statement sql = db.createStatement()) {
                sql.execute("TRUNCATE catalog.track, catalog.track_artist, catalog.album, catalog.artist CASCADE");
            }
            assertThat(count(servers)).isZero();
            toTheBeginning(bootstrap);

            catalog.restart().awaitReady(PATIENCE);
            await().atMost(PATIENCE).until(() -> count(servers) == latest && lagIsZero(bootstrap));

            assertThat(snapshot(servers)).isEqualTo(before);
        }
    }

    /** Tracks by a handful of artists on a few albums, some corrected twice, some taken down, in a shuffled order of revisions per track. */
    private static List<TrackIngested> catalogOfRevisions(int tracks) {
        List<String> artists = List.of("Françoise Hardy", "Mylène Farmer", "Noir Désir", "宇多田ヒカル", "Zaz");
        List<TrackIngested> events = new ArrayList<>();
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < tracks; i++) {
            String id = UUID.randomUUID().toString();
            String artist = artists.get(i % artists.size());
            String album = "Album " + (i % 7);
            int revisions = 1 + i % 3;
            for (int revision = 1; revision <= revisions; revision++) {
                TrackStatus status = revision == 3 && i % 2 == 0 ? TrackStatus.TAKEN_DOWN : TrackStatus.AVAILABLE;
                events.add(new TrackIngested(UUID.randomUUID(), start.plusSeconds(i * 10L + revision), id, revision, status,
                        "Titre " + i + " v" + revision, List.of(artist, artists.get((i + 1) % artists.size())), album, null,
                        i % 4 == 0 ? null : "genre " + (i % 4), 1990 + i % 30, 1 + i % 12, 1 + i % 2, 120_000 + i,
                        new Media("media", "tracks/" + id + ".flac", "audio/flac", "flac", 900, 44_100, 1_000_000 + i, "a".repeat(64)),
                        List.of()));
            }
        }
        return events;
    }

    private static void publish(String bootstrap, List<TrackIngested> events) throws Exception {
        try (KafkaProducer<String, TrackIngested> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new TrackIngestedSerializer())) {
            for (TrackIngested event : events) {
                producer.send(new ProducerRecord<>(Topics.TRACK_INGESTED, event.trackId(), event));
            }
            producer.flush();
        }
    }

    /** What the documented kafka-consumer-groups --reset-offsets --to-earliest does, through the admin API. */
    private static void toTheBeginning(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            // The group must be empty: its members leave when the service stops, or after their session timeout.
            await().atMost(PATIENCE).until(() -> admin.describeConsumerGroups(List.of(GROUP)).all()
                    .get(10, TimeUnit.SECONDS).get(GROUP).members().isEmpty());
            Map<TopicPartition, OffsetAndMetadata> beginning = new HashMap<>();
            int partitions = Topics.spec(Topics.TRACK_INGESTED).partitions();
            for (int partition = 0; partition < partitions; partition++) {
                beginning.put(new TopicPartition(Topics.TRACK_INGESTED, partition), new OffsetAndMetadata(0));
            }
            admin.alterConsumerGroupOffsets(GROUP, beginning).all().get(30, TimeUnit.SECONDS);
        }
    }

    private static boolean lagIsZero(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.keySet().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
            return committed.size() == Topics.spec(Topics.TRACK_INGESTED).partitions()
                    && committed.entrySet().stream().allMatch(e -> e.getValue().offset() >= ends.get(e.getKey()).offset());
        }
    }

    private static long count(RealServers servers) throws Exception {
        try (Connection db = connect(servers); Statement sql = db.createStatement();
             ResultSet rows = sql.executeQuery("SELECT count(*) FROM catalog.track")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static List<List<String>> snapshot(RealServers servers) throws Exception {
        List<List<String>> tables = new ArrayList<>();
        try (Connection db = connect(servers); Statement sql = db.createStatement()) {
            for (String query : TABLES) {
                List<String> rows = new ArrayList<>();
                try (ResultSet result = sql.executeQuery(query)) {
                    ResultSetMetaData columns = result.getMetaData();
                    while (result.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int column = 1; column <= columns.getColumnCount(); column++) {
                            row.append(result.getString(column)).append('|');
                        }
                        rows.add(row.toString());
                    }
                }
                tables.add(rows);
            }
        }
        return tables;
    }

    private static Connection connect(RealServers servers) throws Exception {
        return DriverManager.getConnection(servers.postgres().jdbcUrl(), PostgresServer.USER, PostgresServer.PASSWORD);
    }
}
