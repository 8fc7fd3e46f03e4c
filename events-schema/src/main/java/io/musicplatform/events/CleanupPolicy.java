package io.musicplatform.events;

import org.apache.kafka.common.config.TopicConfig;

/** What a topic's broker does with old records: the topic config {@code cleanup.policy}. */
public enum CleanupPolicy {

    /** Keep the latest record of each key, forever: a topic that is the current state of its keys. */
    COMPACT(TopicConfig.CLEANUP_POLICY_COMPACT),

    /** Drop records older than the topic's retention: a topic that is a history. */
    DELETE(TopicConfig.CLEANUP_POLICY_DELETE);

    private final String configValue;

    CleanupPolicy(String configValue) {
        this.configValue = configValue;
    }

    /** The value of the Kafka topic config {@code cleanup.policy}: {@code compact} or {@code delete}. */
    public String configValue() {
        return configValue;
    }
}
