package io.musicplatform.events;

import java.time.Instant;
import java.util.UUID;

/**
 * What every event on the platform's topics has in common: an id that makes a redelivery
 * recognisable, the time it happened, and the key of its record (the track for the track topics).
 */
public sealed interface Event permits TrackIngested, TrackPlayed, CatalogChanged {

    /** Unique per event, and the CloudEvents id; a consumer that has seen it before ignores the record. */
    UUID eventId();

    /** When the fact happened at the producer, not when Kafka received it. */
    Instant occurredAt();

    /**
     * The Kafka record key: every event of one track (one listener, one playlist) lands on one
     * partition, in order.
     */
    String key();
}
