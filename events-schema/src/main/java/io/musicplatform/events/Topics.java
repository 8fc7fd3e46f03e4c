package io.musicplatform.events;

import java.util.Objects;

/** Kafka topic names. Services take them from here, never from a string literal of their own. */
public final class Topics {

    /** Compacted; key trackId; value {@link TrackIngested}. */
    public static final String TRACK_INGESTED = "track-ingested";

    /** Time-based retention; key trackId; value {@link TrackPlayed}. */
    public static final String TRACK_PLAYED = "track-played";

    /** Appended to a topic's name to get its dead-letter topic. */
    public static final String DEAD_LETTER_SUFFIX = ".dlq";

    private Topics() {
    }

    /** The dead-letter topic of {@code topic}: {@code <topic>.dlq}. */
    public static String deadLetter(String topic) {
        Objects.requireNonNull(topic, "topic");
        if (topic.isBlank() || topic.endsWith(DEAD_LETTER_SUFFIX)) {
            // A record that fails on a dead-letter topic is inspected by hand, not forwarded again.
            throw new IllegalArgumentException("'" + topic + "' has no dead-letter topic");
        }
        return topic + DEAD_LETTER_SUFFIX;
    }
}
