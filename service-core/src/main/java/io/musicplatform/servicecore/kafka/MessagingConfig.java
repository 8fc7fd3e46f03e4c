package io.musicplatform.servicecore.kafka;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Which topics a service writes and reads, and how the shared Kafka pieces behave. Every topic named
 * here must be declared in {@code io.musicplatform.events.Topics}; a contract test checks it.
 */
@ConfigMapping(prefix = "music.kafka")
public interface MessagingConfig {

    /** Topics the service writes to: created at start when missing (with their declared settings) and required for readiness. */
    Optional<List<String>> produces();

    /**
     * Topics the service reads: required for readiness (a missing one makes the service not ready, never crash);
     * their dead-letter topics are created at start, since the service is who writes to them.
     */
    Optional<List<String>> consumes();

    /**
     * Topics every replica reads whole for itself, in a consumer group of its own from the latest
     * offset, to push each record to the clients connected to it (catalog-service's live streams):
     * required for readiness like the others. They get no dead-letter topic, since every replica would
     * write the same unreadable record there, and no {@code music_consumer_lag}: a group per replica
     * that commits nothing has no lag worth charting, and the service's own group has none on them.
     */
    Optional<List<String>> broadcasts();

    /** How long one call to Kafka's admin API (topic creation, readiness, lag) may take. */
    @WithDefault("10s")
    Duration adminTimeout();

    /** How often to try again to create the topics when Kafka was unreachable at start. */
    @WithDefault("5s")
    Duration topicRetryInterval();

    /**
     * How long a readiness answer about the topics is reused, so that probes do not hammer the broker.
     * An UP answer is this old at most when Kafka goes away: with {@link #readinessTimeout()}, it bounds
     * how long readiness can still say UP (1 s + 2 s, under the 5 s a readiness probe waits).
     */
    @WithDefault("1s")
    Duration readinessCacheTime();

    /** How long the readiness check waits for Kafka to list its topics: below a probe's own timeout. */
    @WithDefault("2s")
    Duration readinessTimeout();

    /** How long one try at sending a record to a dead-letter topic may take; the consumer then tries again, with a growing pause. */
    @WithDefault("30s")
    Duration deadLetterTimeout();

    /** How often {@code music_consumer_lag} is measured. */
    @WithDefault("15s")
    Duration lagInterval();

    default List<String> producedTopics() {
        return produces().orElse(List.of());
    }

    default List<String> consumedTopics() {
        return consumes().orElse(List.of());
    }

    default List<String> broadcastTopics() {
        return broadcasts().orElse(List.of());
    }
}
