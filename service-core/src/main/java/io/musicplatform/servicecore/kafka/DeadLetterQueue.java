package io.musicplatform.servicecore.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.musicplatform.events.DeadLetterHeaders;
import io.musicplatform.events.Topics;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Moves a record the service cannot read to {@code <topic>.dlq}: same key, same value bytes, same
 * headers, plus the {@link DeadLetterHeaders} that say why and where it came from. The send is
 * acknowledged by every in-sync replica before the returned {@code Uni} completes, so the consumer
 * moves on only once the record is safe, and {@code music_dlq_records_total{topic}} counts it.
 *
 * <p>A plain producer rather than a SmallRye channel: the destination is computed per record, and the
 * caller must wait for the acknowledgement of this one record before it commits its offset.
 */
@ApplicationScoped
public class DeadLetterQueue {

    private static final Logger LOG = Logger.getLogger(DeadLetterQueue.class);

    private final KafkaAdmin kafka;
    private final MessagingConfig config;
    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private volatile KafkaProducer<byte[], byte[]> producer;

    public DeadLetterQueue(KafkaAdmin kafka, MessagingConfig config, MeterRegistry registry) {
        this.kafka = kafka;
        this.config = config;
        this.registry = registry;
    }

    /** Sends {@code record} to its topic's dead-letter topic because of {@code error}; completes once acknowledged. */
    public Uni<Void> send(ConsumerRecord<String, byte[]> record, Throwable error) {
        String source = record.topic();
        String destination = Topics.deadLetter(source);
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        DeadLetterHeaders.write(headers, source, record.partition(), record.offset(), error);
        byte[] key = record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8);
        ProducerRecord<byte[], byte[]> letter = new ProducerRecord<>(destination, null, key, record.value(), headers);
        // The consumer goes on where it was called (a Vert.x context, which Hibernate Reactive needs),
        // not on the producer's network thread that acknowledges the send.
        Context caller = Vertx.currentContext();
        return Uni.createFrom().<Void>emitter(emitter -> producer().send(letter, (metadata, failure) -> {
                    Runnable answer = failure != null ? () -> emitter.fail(failure) : () -> {
                        counter(source).increment();
                        LOG.warnf("Moved %s-%d@%d to %s: %s", source, record.partition(), record.offset(), destination,
                                error.getMessage());
                        emitter.complete(null);
                    };
                    if (caller != null) {
                        caller.runOnContext(ignored -> answer.run());
                    } else {
                        answer.run();
                    }
                }))
                .ifNoItem().after(config.deadLetterTimeout()).fail();
    }

    /** How many records of {@code topic} went to its dead-letter topic since the start. */
    public double count(String topic) {
        return counter(topic).count();
    }

    private Counter counter(String topic) {
        return counters.computeIfAbsent(topic, t -> Counter.builder("music.dlq.records")
                .description("Records moved to the dead-letter topic because they could not be read")
                .tag("topic", t)
                .register(registry));
    }

    private KafkaProducer<byte[], byte[]> producer() {
        KafkaProducer<byte[], byte[]> current = producer;
        if (current == null) {
            synchronized (this) {
                if (producer == null) {
                    Map<String, Object> settings = kafka.producerConfig();
                    settings.put(ProducerConfig.ACKS_CONFIG, "all");
                    settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
                    settings.put(ProducerConfig.CLIENT_ID_CONFIG, kafka.groupId() + "-dead-letters");
                    producer = new KafkaProducer<>(settings, new ByteArraySerializer(), new ByteArraySerializer());
                }
                current = producer;
            }
        }
        return current;
    }

    @PreDestroy
    void close() {
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(5));
        }
    }
}
