package io.musicplatform.servicecore.kafka;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code music_consumer_lag{topic,group,partition}}: how many records of each consumed partition the
 * service has not committed yet, from the offsets it commits itself ({@link CommittedOffsets}) and the
 * partitions' end offsets. Measured every {@code music.kafka.lag-interval}; a partition the group has
 * never committed counts from the partition's start. The same figures feed the operator endpoint.
 */
@ApplicationScoped
public class ConsumerLag {

    private static final Logger LOG = Logger.getLogger(ConsumerLag.class);

    /** One partition's position. */
    public record PartitionLag(int partition, long start, long end, Long committed, long lag) {
    }

    private final KafkaClients kafka;
    private final MessagingConfig config;
    private final CommittedOffsets offsets;
    private final MeterRegistry registry;
    /** The last measurement per partition; NaN when the last try failed, so a stale figure never looks fine. */
    private final Map<TopicPartition, Double> lags = new ConcurrentHashMap<>();

    public ConsumerLag(KafkaClients kafka, MessagingConfig config, CommittedOffsets offsets, MeterRegistry registry) {
        this.kafka = kafka;
        this.config = config;
        this.offsets = offsets;
        this.registry = registry;
    }

    @Scheduled(every = "${music.kafka.lag-interval:15s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void measure() {
        for (String topic : config.consumedTopics()) {
            try {
                for (PartitionLag lag : of(topic)) {
                    record(new TopicPartition(topic, lag.partition()), lag.lag());
                }
            } catch (Exception e) {
                LOG.debugf("Could not measure the lag on %s: %s", topic, e);
                lags.keySet().stream().filter(p -> p.topic().equals(topic)).forEach(p -> lags.put(p, Double.NaN));
            }
        }
    }

    /** The group's lag on every partition of {@code topic}, measured now. */
    public List<PartitionLag> of(String topic) throws Exception {
        long timeout = config.adminTimeout().toMillis();
        String group = kafka.groupId();
        TopicDescription description = kafka.admin().describeTopics(List.of(topic)).allTopicNames()
                .get(timeout, TimeUnit.MILLISECONDS).get(topic);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        description.partitions().forEach(p -> {
            latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest());
            earliest.put(new TopicPartition(topic, p.partition()), OffsetSpec.earliest());
        });
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = kafka.admin().listOffsets(latest).all()
                .get(timeout, TimeUnit.MILLISECONDS);
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> starts = kafka.admin().listOffsets(earliest).all()
                .get(timeout, TimeUnit.MILLISECONDS);
        Map<Integer, Long> committed = offsets.committed(topic, group);
        return description.partitions().stream().map(p -> {
            TopicPartition partition = new TopicPartition(topic, p.partition());
            long start = starts.get(partition).offset();
            long end = ends.get(partition).offset();
            Long position = committed.get(p.partition());
            long lag = Math.max(0, end - (position == null ? start : Math.max(position, start)));
            return new PartitionLag(p.partition(), start, end, position, lag);
        }).toList();
    }

    private void record(TopicPartition partition, long lag) {
        if (lags.put(partition, (double) lag) == null) {
            Gauge.builder("music.consumer.lag", lags, all -> all.getOrDefault(partition, Double.NaN))
                    .description("Records of the partition the consumer group has not committed yet; NaN when it could not be measured")
                    .tags(Tags.of("topic", partition.topic(), "group", kafka.groupId(), "partition", Integer.toString(partition.partition())))
                    .register(registry);
        }
    }
}
