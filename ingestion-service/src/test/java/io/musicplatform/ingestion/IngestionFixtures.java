package io.musicplatform.ingestion;

import io.musicplatform.events.Topics;
import io.musicplatform.events.TrackIngested;
import io.musicplatform.events.TrackIngestedDeserializer;
import io.musicplatform.servicetesting.TestEvents;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * What ingestion's tests look at, each on the real server: the fixtures' audio, the media bucket's
 * objects, the ingestion schema's rows, and track-ingested's records.
 */
public final class IngestionFixtures {

    private static final Random RANDOM = new Random();

    private IngestionFixtures() {
    }

    /** A fixture of src/test/resources/audio, made by src/test/fixtures/make-audio.sh. */
    public static byte[] audio(String fixture) {
        try (InputStream in = IngestionFixtures.class.getResourceAsStream("/audio/" + fixture)) {
            if (in == null) {
                throw new IllegalArgumentException("No fixture " + fixture);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A valid, untagged WAV no other test has: a quarter second of noise at 8 kHz, 16-bit mono. */
    public static byte[] uniqueWav() {
        int dataBytes = 4_000;
        ByteBuffer wav = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes()).putInt(36 + dataBytes).put("WAVE".getBytes());
        wav.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(8_000).putInt(16_000)
                .putShort((short) 2).putShort((short) 16);
        wav.put("data".getBytes()).putInt(dataBytes);
        byte[] noise = new byte[dataBytes];
        RANDOM.nextBytes(noise);
        wav.put(noise);
        return wav.array();
    }

    /**
     * PUTs {@code body} to a presigned URL as a browser would; answers the storage's status. A client
     * of its own each time: the storage closes a connection after it refuses a PUT, and a pooled one
     * reused just then fails with "header parser received no bytes" instead of an answer.
     */
    public static int put(String url, byte[] body, String contentType) {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).PUT(HttpRequest.BodyPublishers.ofByteArray(body));
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every object in the media bucket, key to size. */
    public static Map<String, Long> objects() {
        Map<String, Long> objects = new TreeMap<>();
        try (S3Client s3 = s3()) {
            s3.listObjectsV2Paginator(request -> request.bucket(bucket())).contents().forEach((S3Object o) -> objects.put(o.key(), o.size()));
        }
        return objects;
    }

    public static byte[] object(String key) {
        try (S3Client s3 = s3()) {
            return s3.getObjectAsBytes(request -> request.bucket(bucket()).key(key)).asByteArray();
        }
    }

    /** Reads each object whole with one client and hands its bytes to {@code each}: the raw read rate of the storage. */
    public static void readEach(List<String> keys, java.util.function.Consumer<byte[]> each) {
        try (S3Client s3 = s3()) {
            for (String key : keys) {
                each.accept(s3.getObjectAsBytes(request -> request.bucket(bucket()).key(key)).asByteArray());
            }
        }
    }

    public static String objectContentType(String key) {
        try (S3Client s3 = s3()) {
            return s3.headObject(request -> request.bucket(bucket()).key(key)).contentType();
        }
    }

    public static void putObject(String key, byte[] body) {
        try (S3Client s3 = s3()) {
            s3.putObject(request -> request.bucket(bucket()).key(key), software.amazon.awssdk.core.sync.RequestBody.fromBytes(body));
        }
    }

    /** A number the ingestion schema answers, e.g. {@code select count(*) from track}. */
    public static long count(String sql) {
        try (Connection connection = database(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The rows of the tables a refused upload must leave as they were. */
    public static Map<String, Long> rows() {
        Map<String, Long> rows = new TreeMap<>();
        for (String table : List.of("upload", "track", "track_revision", "outbox")) {
            rows.put(table, count("select count(*) from " + table));
        }
        return rows;
    }

    /** Every TrackIngested on track-ingested. */
    public static List<TrackIngested> published() {
        try (TrackIngestedDeserializer deserializer = new TrackIngestedDeserializer()) {
            return TestEvents.readAll(Topics.TRACK_INGESTED).stream()
                    .map(record -> deserializer.deserialize(record.topic(), record.headers(), record.value())).toList();
        }
    }

    public static List<TrackIngested> published(String trackId) {
        return published().stream().filter(event -> event.trackId().equals(trackId)).toList();
    }

    private static Connection database() throws SQLException {
        Config config = ConfigProvider.getConfig();
        Connection connection = DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class), config.getValue("quarkus.datasource.password", String.class));
        try (Statement statement = connection.createStatement()) {
            statement.execute("set search_path to ingestion");
        }
        return connection;
    }

    private static String bucket() {
        return ConfigProvider.getConfig().getOptionalValue("music.storage.bucket", String.class).orElse("media");
    }

    private static S3Client s3() {
        Config config = ConfigProvider.getConfig();
        return S3Client.builder()
                .endpointOverride(URI.create(config.getValue("music.storage.endpoint", String.class)))
                .region(Region.of(config.getValue("music.storage.region", String.class)))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        config.getValue("music.storage.access-key", String.class), config.getValue("music.storage.secret-key", String.class))))
                .forcePathStyle(true)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }
}
