package io.musicplatform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A topic's declared settings become the Kafka configs and the Admin request it is created with. */
class TopicSpecTest {

    @Test
    void aCompactedTopicIsKeptForever() {
        TopicSpec spec = new TopicSpec("state", 3, CleanupPolicy.COMPACT, null);

        assertThat(spec.configs()).containsExactly(
                Map.entry("cleanup.policy", "compact"),
                Map.entry("retention.ms", "-1"));
    }

    @Test
    void aDeletedTopicHasItsRetentionInMilliseconds() {
        TopicSpec spec = new TopicSpec("history", 6, CleanupPolicy.DELETE, Duration.ofDays(400));

        assertThat(spec.configs()).containsExactly(
                Map.entry("cleanup.policy", "delete"),
                Map.entry("retention.ms", "34560000000"));
    }

    @Test
    void aDeletedTopicWithoutRetentionIsKeptForever() {
        assertThat(new TopicSpec("archive", 1, CleanupPolicy.DELETE, null).configs())
                .containsEntry("retention.ms", "-1");
    }

    @Test
    void configsCannotBeChanged() {
        Map<String, String> configs = Topics.TRACK_PLAYED_SPEC.configs();

        assertThatThrownBy(() -> configs.put("retention.ms", "1")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void newTopicLeavesTheReplicationFactorToTheBroker() {
        NewTopic topic = Topics.TRACK_PLAYED_SPEC.newTopic();

        assertThat(topic.name()).isEqualTo("track-played");
        assertThat(topic.numPartitions()).isEqualTo(6);
        // -1 asks the broker for its default.replication.factor.
        assertThat(topic.replicationFactor()).isEqualTo((short) -1);
        assertThat(topic.replicasAssignments()).isNull();
        assertThat(topic.configs()).isEqualTo(Topics.TRACK_PLAYED_SPEC.configs());
    }

    @Test
    void cleanupPolicyConfigValues() {
        assertThat(CleanupPolicy.COMPACT.configValue()).isEqualTo("compact");
        assertThat(CleanupPolicy.DELETE.configValue()).isEqualTo("delete");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "track played", "track/played", "pistes-écoutées"})
    void rejectsIllegalTopicNames(String name) {
        assertThatThrownBy(() -> new TopicSpec(name, 1, CleanupPolicy.DELETE, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a legal Kafka topic name");
    }

    @Test
    void acceptsTheLongestLegalNameAndNoLonger() {
        assertThat(new TopicSpec("t".repeat(249), 1, CleanupPolicy.DELETE, null).name()).hasSize(249);
        assertThatThrownBy(() -> new TopicSpec("t".repeat(250), 1, CleanupPolicy.DELETE, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsMissingNameOrPolicy() {
        assertThatThrownBy(() -> new TopicSpec(null, 1, CleanupPolicy.DELETE, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("TopicSpec.name");
        assertThatThrownBy(() -> new TopicSpec("t", 1, null, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("TopicSpec.cleanupPolicy of t is required");
    }

    @Test
    void rejectsFewerThanOnePartition() {
        assertThatThrownBy(() -> new TopicSpec("t", 0, CleanupPolicy.DELETE, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TopicSpec.partitions of t must be >= 1, was 0");
    }

    @Test
    void rejectsARetentionOnACompactedTopic() {
        assertThatThrownBy(() -> new TopicSpec("t", 1, CleanupPolicy.COMPACT, Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be null: a compacted topic keeps the latest record of each key forever");
    }

    @Test
    void rejectsARetentionBelowOneMillisecondOrBeyondRetentionMs() {
        assertThatThrownBy(() -> new TopicSpec("t", 1, CleanupPolicy.DELETE, Duration.ZERO))
                .hasMessageContaining("at least 1 ms");
        assertThatThrownBy(() -> new TopicSpec("t", 1, CleanupPolicy.DELETE, Duration.ofDays(-1)))
                .hasMessageContaining("at least 1 ms");
        assertThatThrownBy(() -> new TopicSpec("t", 1, CleanupPolicy.DELETE, Duration.ofNanos(999_999)))
                .hasMessageContaining("at least 1 ms");
        assertThatThrownBy(() -> new TopicSpec("t", 1, CleanupPolicy.DELETE, Duration.ofSeconds(Long.MAX_VALUE)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not fit in retention.ms");
    }
}
