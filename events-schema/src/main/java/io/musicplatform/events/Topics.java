package io.musicplatform.events;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Kafka topic names and the settings each topic is created with. Services take both from here,
 * never from a string literal or a number of their own; {@link TopicCreator} creates the topics
 * from {@link #all()}.
 */
public final class Topics {

    /** Compacted; key trackId; value {@link TrackIngested}. */
    public static final String TRACK_INGESTED = "track-ingested";

    /** Time-based retention; key trackId; value {@link TrackPlayed}. */
    public static final String TRACK_PLAYED = "track-played";

    /**
     * Time-based retention; key userId (a notification) or playlistId (a playlist change); value
     * {@link CatalogChanged}.
     */
    public static final String CATALOG_CHANGES = "catalog-changes";

    /** Appended to a topic's name to get its dead-letter topic. */
    public static final String DEAD_LETTER_SUFFIX = ".dlq";

    /**
     * Compacted and kept forever: the latest revision of every track, from which every projection is
     * rebuilt. Three partitions are plenty for the rate of uploads and corrections.
     */
    public static final TopicSpec TRACK_INGESTED_SPEC =
            new TopicSpec(TRACK_INGESTED, 3, CleanupPolicy.COMPACT, null);

    /**
     * The raw listening history, kept 400 days: long enough to rebuild a year of statistics. Six
     * partitions, the busiest topic, so that stats-service can spread its consumers.
     */
    public static final TopicSpec TRACK_PLAYED_SPEC =
            new TopicSpec(TRACK_PLAYED, 6, CleanupPolicy.DELETE, Duration.ofDays(400));

    /**
     * Live changes, read by every catalog-service replica as they happen and by third parties: a
     * reader that falls further behind reads the catalog's API instead, so 7 days is plenty. Three
     * partitions keep each listener's and each playlist's changes in order.
     */
    public static final TopicSpec CATALOG_CHANGES_SPEC =
            new TopicSpec(CATALOG_CHANGES, 3, CleanupPolicy.DELETE, Duration.ofDays(7));

    public static final TopicSpec TRACK_INGESTED_DEAD_LETTER_SPEC = deadLetterSpec(TRACK_INGESTED);

    public static final TopicSpec TRACK_PLAYED_DEAD_LETTER_SPEC = deadLetterSpec(TRACK_PLAYED);

    public static final TopicSpec CATALOG_CHANGES_DEAD_LETTER_SPEC = deadLetterSpec(CATALOG_CHANGES);

    private static final List<TopicSpec> ALL = List.of(
            TRACK_INGESTED_SPEC, TRACK_INGESTED_DEAD_LETTER_SPEC, TRACK_PLAYED_SPEC, TRACK_PLAYED_DEAD_LETTER_SPEC,
            CATALOG_CHANGES_SPEC, CATALOG_CHANGES_DEAD_LETTER_SPEC);

    private static final Map<String, TopicSpec> BY_NAME = byName(ALL);

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

    /** Every declared topic, dead-letter topics included, each source topic followed by its own. */
    public static List<TopicSpec> all() {
        return ALL;
    }

    /**
     * The settings of a declared topic.
     *
     * @throws IllegalArgumentException when {@code name} is not declared here
     */
    public static TopicSpec spec(String name) {
        TopicSpec spec = name == null ? null : BY_NAME.get(name);
        if (spec == null) {
            throw new IllegalArgumentException("Topic '" + name + "' is not declared in " + Topics.class.getName()
                    + "; declared topics: " + String.join(", ", BY_NAME.keySet()));
        }
        return spec;
    }

    public static boolean isDeclared(String name) {
        return name != null && BY_NAME.containsKey(name);
    }

    /**
     * Dead-letter records are few and read by people, so one partition keeps them in arrival order;
     * 30 days is time enough to inspect them, fix the source and replay by hand.
     */
    private static TopicSpec deadLetterSpec(String topic) {
        return new TopicSpec(deadLetter(topic), 1, CleanupPolicy.DELETE, Duration.ofDays(30));
    }

    private static Map<String, TopicSpec> byName(List<TopicSpec> specs) {
        Map<String, TopicSpec> byName = new LinkedHashMap<>();
        specs.forEach(spec -> byName.put(spec.name(), spec));
        return Collections.unmodifiableMap(byName);
    }
}
