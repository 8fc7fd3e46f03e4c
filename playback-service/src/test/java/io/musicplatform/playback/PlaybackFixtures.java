package io.musicplatform.playback;

import io.musicplatform.events.Media;
import io.musicplatform.events.Topics;
import io.musicplatform.events.TrackIngested;
import io.musicplatform.events.TrackPlayed;
import io.musicplatform.events.TrackPlayedDeserializer;
import io.musicplatform.events.TrackStatus;
import io.musicplatform.servicetesting.TestEvents;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/** Tracks with real audio objects in the kit's S3 server, their revisions on track-ingested, and the plays on track-played. */
public final class PlaybackFixtures {

    private static final Random RANDOM = new Random();

    private PlaybackFixtures() {
    }

    /** A track revision whose media object holds {@code audio}, stored in the media bucket. */
    public static TrackIngested storedTrack(String title, byte[] audio, TrackStatus status, List<String> territories) {
        String id = UUID.randomUUID().toString();
        String key = "tracks/" + id + ".mp3";
        try (S3Client s3 = s3()) {
            s3.putObject(request -> request.bucket(bucket()).key(key).contentType("audio/mpeg"), RequestBody.fromBytes(audio));
        }
        return revision(id, 1, status, title, key, territories);
    }

    public static TrackIngested revision(String id, long revision, TrackStatus status, String title, String key, List<String> territories) {
        return new TrackIngested(UUID.randomUUID(), Instant.now(), id, revision, status, title, List.of("Zaz", "Pomme"), "Recto verso", null,
                "chanson", 2021, 3, 1, 187_000, new Media(bucket(), key, "audio/mpeg", "mp3", 256, 44_100, 6_000_000, "0".repeat(64)),
                territories);
    }

    public static byte[] audio(int size) {
        byte[] bytes = new byte[size];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** The TrackPlayed events on track-played whose eventId is one of {@code playIds}, every copy of each. */
    public static List<TrackPlayed> plays(java.util.Collection<UUID> playIds) {
        try (TrackPlayedDeserializer deserializer = new TrackPlayedDeserializer()) {
            return TestEvents.readAll(Topics.TRACK_PLAYED).stream()
                    .map((ConsumerRecord<String, byte[]> record) -> deserializer.deserialize(record.topic(), record.headers(), record.value()))
                    .filter(event -> playIds.contains(event.eventId()))
                    .toList();
        }
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
