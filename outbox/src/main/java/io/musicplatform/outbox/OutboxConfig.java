package io.musicplatform.outbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * Every tunable of the outbox, under {@code music.outbox}. Durations take {@code 500ms}, {@code 10s},
 * {@code 24h} or ISO-8601 ({@code PT10S}).
 *
 * <p>Where Kafka is comes from the service's own {@code kafka.*} settings ({@code kafka.bootstrap.servers}
 * and, where set, its security settings); which schema holds the table comes from
 * {@code quarkus.hibernate-orm.database.default-schema}.
 */
@ConfigMapping(prefix = "music.outbox")
public interface OutboxConfig {

    /**
     * Whether this instance runs the relay that publishes the outbox. Appending works either way;
     * with {@code false}, rows wait until an instance with the relay on publishes them.
     */
    @WithDefault("true")
    boolean enabled();

    /**
     * How often the relay looks for pending rows when the last batch was not full (a full batch is
     * followed by the next one at once). Also the delay an event may wait before it is published.
     * The relay polls on a thread of its own, so sub-second values hold (catalog-service: 100ms).
     */
    @WithDefault("1s")
    Duration pollInterval();

    /** How many rows one relay transaction publishes at most. */
    @WithDefault("500")
    int batchSize();

    /**
     * How long the relay waits for Kafka: a send may block this long for the broker's metadata, and
     * a record not acknowledged within it (the producer's {@code delivery.timeout.ms}) stays pending
     * and goes again at the next poll.
     */
    @WithDefault("10s")
    Duration sendTimeout();

    /**
     * How long {@link DirectPublisher} waits for Kafka to acknowledge an event it sends directly
     * before it commits the event to the outbox instead (and sends the following events through the
     * outbox until it is empty again). Also the longest its send may block for the broker's metadata.
     */
    @WithDefault("200ms")
    Duration directTimeout();

    /**
     * After how many failed sends a pending row counts as stuck: the relay logs a warning naming its
     * eventId when it gets there, and {@code music_outbox_stuck} counts it. The row is never dropped:
     * it is tried again at every poll, and the later events of its key wait behind it.
     */
    @WithDefault("10")
    int stuckAfter();

    /** How long a published row is kept (to see what went out, and when) before it is deleted. */
    @WithDefault("24h")
    Duration retention();

    /**
     * How often the relay deletes the published rows older than the retention: not at every poll, which
     * may come ten times a second, for rows kept a day.
     */
    @WithDefault("1m")
    Duration cleanUpInterval();

    /**
     * The {@code ce_source} header of every record: the producing service, as the event serializers'
     * {@code cloudevents.source} setting. Defaults to {@code /<quarkus.application.name>}.
     */
    @WithName("cloudevents-source")
    @WithDefault("/${quarkus.application.name}")
    String cloudEventsSource();
}
