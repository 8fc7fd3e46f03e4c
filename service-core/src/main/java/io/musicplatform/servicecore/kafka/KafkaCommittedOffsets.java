package io.musicplatform.servicecore.kafka;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The consumer group's offsets as Kafka keeps them: the default {@link CommittedOffsets}. */
@DefaultBean
@ApplicationScoped
public class KafkaCommittedOffsets implements CommittedOffsets {

    private final KafkaClients kafka;
    private final MessagingConfig config;

    public KafkaCommittedOffsets(KafkaClients kafka, MessagingConfig config) {
        this.kafka = kafka;
        this.config = config;
    }

    @Override
    public Map<Integer, Long> committed(String topic, String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = kafka.admin().listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(config.adminTimeout().toMillis(), TimeUnit.MILLISECONDS);
        Map<Integer, Long> committed = new HashMap<>();
        offsets.forEach((partition, offset) -> {
            if (partition.topic().equals(topic) && offset != null) {
                committed.put(partition.partition(), offset.offset());
            }
        });
        return committed;
    }
}
