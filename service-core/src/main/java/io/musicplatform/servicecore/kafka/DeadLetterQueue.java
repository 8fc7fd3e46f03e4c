package io.musicplatform.servicecore.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.musicplatform.events.DeadLetterHeaders;
import io.musicplatform.events.Topics;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
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
import java.time.Duration;
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

    private final KafkaClients kafka;
    private final MessagingConfig config;
    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private volatile KafkaProducer<byte[], byte[]> producer;

    public DeadLetterQueue(KafkaClients kafka, MessagingConfig config, MeterRegistry registry) {
        this.kafka = kafka;
        this.config = config;
        this.registry = registry;
    }

    /**
     * Sends {@code record} to its topic's dead-letter topic because of {@code error}; completes once
     * acknowledged. A send that fails or times out is tried again, with a growing pause, until it
     * succeeds: the consumer must not move past a record that is neither handled nor kept, and a
     * broker outage ends. Each try may leave a copy on the dead-letter topic if its acknowledgement
     * was only late; the count goes up once.
     */
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
                    Runnable answer = failure != null ? () -> emitter.fail(failure) : () -> emitter.complete(null);
                    if (caller != null) {
                        caller.runOnContext(ignored -> answer.run());
                    } else {
                        answer.run();
                    }
                }))
                // send() may block while the producer waits for metadata: never on the consumer's event loop.
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .ifNoItem().after(config.deadLetterTimeout()).fail()
                .onFailure().invoke(failure -> LOG.warnf("Could not move %s-%d@%d to %s yet (%s); trying again",
                        source, record.partition(), record.offset(), destination, failure.toString()))
                .onFailure().retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30)).indefinitely()
                .invoke(() -> {
                    counter(source).increment();
                    LOG.warnf("Moved %s-%d@%d to %s: %s", source, record.partition(), record.offset(), destination,
                            error.getMessage());
                });
    }

    /** Registers the counter of {@code topic} at zero, so that the first dead letter shows as an increase. */
    void register(String topic) {
        counter(topic);
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
                    settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, config.deadLetterTimeout().toMillis());
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
            producer.close(Duration.ofSeconds(5));
        }
    }
}
