package io.musicplatform.servicecore.kafka;

import io.musicplatform.events.DeadLetterHeaders;
import io.musicplatform.servicecore.api.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.BadRequestException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Reads a dead-letter topic for people, newest first, without joining any consumer group: partition
 * by partition (lowest first), each from its end backwards. The cursor is {@code <partition>:<offset>},
 * "the records of that partition below that offset, then the next partitions".
 */
@ApplicationScoped
public class DeadLetterRecords {

    /** Values longer than this are cut in the answer: a dead letter is read to learn why, not to get the data back. */
    static final int MAX_VALUE_CHARS = 4096;

    /** One dead letter, with what its headers say about its failure. */
    @Schema(name = "DeadLetter")
    public record DeadLetter(int partition, long offset, Instant timestamp, String key,
                             @Schema(examples = "track-ingested record is not a valid TrackIngested: $.title: required property missing")
                             String reason,
                             String exceptionClass, String sourceTopic, Integer sourcePartition, Long sourceOffset,
                             @Schema(description = "The value as UTF-8 text, cut after 4096 characters") String value) {
    }

    private final KafkaClients kafka;
    private final MessagingConfig config;

    public DeadLetterRecords(KafkaClients kafka, MessagingConfig config) {
        this.kafka = kafka;
        this.config = config;
    }

    public Page<DeadLetter> page(String topic, int limit, String cursor) {
        Map<String, Object> settings = kafka.consumerConfig();
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, limit);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            Duration timeout = config.adminTimeout();
            List<Integer> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(PartitionInfo::partition).sorted().toList();
            int partitionIndex = 0;
            Long upper = null;
            if (cursor != null && !cursor.isBlank()) {
                Position position = Position.parse(cursor);
                partitionIndex = partitions.indexOf(position.partition());
                if (partitionIndex < 0) {
                    throw new BadRequestException("The cursor names partition " + position.partition() + ", which " + topic + " does not have");
                }
                upper = position.below();
            }
            List<DeadLetter> items = new ArrayList<>();
            for (; partitionIndex < partitions.size(); partitionIndex++, upper = null) {
                TopicPartition partition = new TopicPartition(topic, partitions.get(partitionIndex));
                long start = consumer.beginningOffsets(List.of(partition), timeout).get(partition);
                long end = upper != null ? Math.min(upper, consumer.endOffsets(List.of(partition), timeout).get(partition))
                        : consumer.endOffsets(List.of(partition), timeout).get(partition);
                long from = Math.max(start, end - (limit - items.size()));
                items.addAll(read(consumer, partition, from, end, timeout));
                if (items.size() >= limit) {
                    boolean more = from > start || partitionIndex + 1 < partitions.size();
                    String next = from > start ? partition.partition() + ":" + from
                            : partitionIndex + 1 < partitions.size() ? partitions.get(partitionIndex + 1) + ":" + Long.MAX_VALUE : null;
                    return new Page<>(items, more ? next : null);
                }
            }
            return Page.last(items);
        }
    }

    private static List<DeadLetter> read(KafkaConsumer<byte[], byte[]> consumer, TopicPartition partition, long from, long end,
                                         Duration timeout) {
        if (from >= end) {
            return List.of();
        }
        consumer.assign(List.of(partition));
        consumer.seek(partition, from);
        List<DeadLetter> letters = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        long next = from;
        while (next < end && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200)).records(partition)) {
                next = record.offset() + 1;
                if (record.offset() < end) {
                    letters.add(describe(record));
                }
            }
        }
        letters.sort(Comparator.comparingLong(DeadLetter::offset).reversed());
        return letters;
    }

    private static DeadLetter describe(ConsumerRecord<byte[], byte[]> record) {
        String value = record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8);
        if (value != null && value.length() > MAX_VALUE_CHARS) {
            value = value.substring(0, MAX_VALUE_CHARS);
        }
        return new DeadLetter(record.partition(), record.offset(), Instant.ofEpochMilli(record.timestamp()),
                record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8),
                header(record, DeadLetterHeaders.REASON), header(record, DeadLetterHeaders.EXCEPTION_CLASS_NAME),
                header(record, DeadLetterHeaders.TOPIC), number(header(record, DeadLetterHeaders.PARTITION), Integer::valueOf),
                number(header(record, DeadLetterHeaders.OFFSET), Long::valueOf), value);
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return DeadLetterHeaders.read(record.headers(), name).orElse(null);
    }

    private static <N> N number(String text, java.util.function.Function<String, N> parse) {
        try {
            return text == null ? null : parse.apply(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Where the next page starts: the records of {@code partition} below offset {@code below}. */
    private record Position(int partition, long below) {

        static Position parse(String cursor) {
            String[] parts = cursor.split(":", 2);
            try {
                return new Position(Integer.parseInt(parts[0]), Long.parseLong(parts[1]));
            } catch (RuntimeException e) {
                throw new BadRequestException("The cursor '" + cursor + "' is not one this endpoint gave; start again without it");
            }
        }
    }
}
