package io.musicplatform.catalog;

import io.musicplatform.events.Media;
import io.musicplatform.events.Topics;
import io.musicplatform.events.TrackIngested;
import io.musicplatform.events.TrackStatus;
import io.musicplatform.servicetesting.TestEvents;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Revisions of tracks as ingestion-service would publish them on track-ingested (through service-testing's TestEvents). */
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
        TestEvents.publish(events);
    }

    public static void publishRaw(String key, byte[] value) {
        TestEvents.publishRaw(Topics.TRACK_INGESTED, key, value);
    }

    /** The topic is ingestion-service's; the tests create it as it would. */
    public static void createTopics() {
        TestEvents.createTopics(Topics.TRACK_INGESTED);
    }

    public static String bootstrapServers() {
        return TestEvents.bootstrapServers();
    }
}
