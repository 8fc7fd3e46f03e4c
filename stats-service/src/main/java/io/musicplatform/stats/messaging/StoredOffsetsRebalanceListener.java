package io.musicplatform.stats.messaging;

import io.musicplatform.servicecore.kafka.KafkaClients;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * On every assignment, moves the consumer to the offsets stored in PostgreSQL with the counts: the
 * Kafka group's own offsets are never committed ({@code commit-strategy=ignore}), the database is the
 * only truth of what was counted. A partition never stored starts from the beginning of the topic.
 * A failure to read the store fails the assignment, so the consumer never reads from a guessed offset.
 */
@ApplicationScoped
@Identifier(StoredOffsetsRebalanceListener.NAME)
public class StoredOffsetsRebalanceListener implements KafkaConsumerRebalanceListener {

    public static final String NAME = "stats-stored-offsets";

    private static final Logger LOG = Logger.getLogger(StoredOffsetsRebalanceListener.class);

    private final StoredOffsets offsets;
    private final KafkaClients kafka;

    public StoredOffsetsRebalanceListener(StoredOffsets offsets, KafkaClients kafka) {
        this.offsets = offsets;
        this.kafka = kafka;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        Map<String, java.util.List<TopicPartition>> byTopic = partitions.stream().collect(Collectors.groupingBy(TopicPartition::topic));
        byTopic.forEach((topic, assigned) -> {
            Map<Integer, Long> stored = offsets.committed(topic, kafka.groupId());
            for (TopicPartition partition : assigned) {
                Long next = stored.get(partition.partition());
                if (next != null) {
                    consumer.seek(partition, next);
                } else {
                    consumer.seekToBeginning(java.util.List.of(partition));
                }
            }
            LOG.infof("Assigned %s: resuming at the stored offsets %s", assigned, stored);
        });
    }
}
