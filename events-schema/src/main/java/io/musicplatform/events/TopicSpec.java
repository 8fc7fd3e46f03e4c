package io.musicplatform.events;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The settings a topic is created with, declared once in {@link Topics} so that the producing
 * service, the Kubernetes hook Job and the local platform all create it the same way (see
 * {@link TopicCreator}). The replication factor is not part of it: each cluster applies its
 * broker default, so a 3-broker cluster and a 1-node local Kafka both get a factor that fits them.
 *
 * @param name          the topic name
 * @param partitions    number of partitions, at least 1
 * @param cleanupPolicy what the broker does with old records
 * @param retention     how long records are kept; null keeps them forever. Must be null for a
 *                      compacted topic, which keeps the latest record of each key forever
 */
public record TopicSpec(String name, int partitions, CleanupPolicy cleanupPolicy, Duration retention) {

    /** Kafka's rule for topic names; other characters, or a longer name, are refused by the broker. */
    private static final Pattern LEGAL_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    /** {@code retention.ms} that means "never delete by age". */
    private static final String FOREVER = "-1";

    public TopicSpec {
        Objects.requireNonNull(name, "TopicSpec.name is required");
        if (!LEGAL_NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("TopicSpec.name '" + name
                    + "' is not a legal Kafka topic name: 1-249 characters among a-z, A-Z, 0-9, '.', '_' and '-'"
                    + ", and not '.' or '..'");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("TopicSpec.partitions of " + name + " must be >= 1, was " + partitions);
        }
        Objects.requireNonNull(cleanupPolicy, () -> "TopicSpec.cleanupPolicy of " + name + " is required");
        if (retention != null) {
            if (cleanupPolicy == CleanupPolicy.COMPACT) {
                throw new IllegalArgumentException("TopicSpec.retention of " + name
                        + " must be null: a compacted topic keeps the latest record of each key forever");
            }
            if (retention.compareTo(Duration.ofMillis(1)) < 0) {
                throw new IllegalArgumentException("TopicSpec.retention of " + name
                        + " must be at least 1 ms, or null to keep records forever; was " + retention);
            }
            try {
                retention.toMillis();
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("TopicSpec.retention of " + name
                        + " does not fit in retention.ms; use null to keep records forever", e);
            }
        }
    }

    /**
     * The topic configs to create it with: {@code cleanup.policy}, and {@code retention.ms}, which is
     * {@code -1} (forever) for a compacted topic or a null retention. Setting it even then keeps the
     * broker's default retention (7 days) from ever applying to a topic meant to be kept.
     */
    public Map<String, String> configs() {
        Map<String, String> configs = new LinkedHashMap<>();
        configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, cleanupPolicy.configValue());
        configs.put(TopicConfig.RETENTION_MS_CONFIG, retention == null ? FOREVER : Long.toString(retention.toMillis()));
        return Collections.unmodifiableMap(configs);
    }

    /** The Admin API request that creates this topic, with the broker's default replication factor. */
    public NewTopic newTopic() {
        return new NewTopic(name, Optional.of(partitions), Optional.empty()).configs(configs());
    }
}
