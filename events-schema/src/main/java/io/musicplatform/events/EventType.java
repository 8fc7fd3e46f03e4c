package io.musicplatform.events;

import java.util.Arrays;
import java.util.Optional;

/**
 * Each event type with its CloudEvents type, its topic and its JSON Schema. The version in the
 * type and schema names changes only for a breaking change, which also gets a new topic.
 */
public enum EventType {
    TRACK_INGESTED("music.track.ingested.v1", Topics.TRACK_INGESTED, TrackIngested.class, "track-ingested.v1.json"),
    TRACK_PLAYED("music.track.played.v1", Topics.TRACK_PLAYED, TrackPlayed.class, "track-played.v1.json"),
    CATALOG_CHANGED("music.catalog.changed.v1", Topics.CATALOG_CHANGES, CatalogChanged.class, "catalog-changed.v1.json");

    private final String cloudEventType;
    private final String topic;
    private final Class<? extends Event> javaType;
    private final String schemaFile;

    EventType(String cloudEventType, String topic, Class<? extends Event> javaType, String schemaFile) {
        this.cloudEventType = cloudEventType;
        this.topic = topic;
        this.javaType = javaType;
        this.schemaFile = schemaFile;
    }

    /** The {@code ce_type} header value, e.g. {@code music.track.played.v1}. */
    public String cloudEventType() {
        return cloudEventType;
    }

    public String topic() {
        return topic;
    }

    public Class<? extends Event> javaType() {
        return javaType;
    }

    /** File name of the schema, e.g. {@code track-played.v1.json}. */
    public String schemaFile() {
        return schemaFile;
    }

    /** Class path location of the schema inside this module's jar. */
    public String schemaResource() {
        return "schemas/" + schemaFile;
    }

    public static EventType of(Event event) {
        return switch (event) {
            case TrackIngested ignored -> TRACK_INGESTED;
            case TrackPlayed ignored -> TRACK_PLAYED;
            case CatalogChanged ignored -> CATALOG_CHANGED;
        };
    }

    public static Optional<EventType> fromCloudEventType(String cloudEventType) {
        return Arrays.stream(values()).filter(t -> t.cloudEventType.equals(cloudEventType)).findFirst();
    }
}
