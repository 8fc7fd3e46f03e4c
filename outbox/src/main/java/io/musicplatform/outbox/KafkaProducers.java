package io.musicplatform.outbox;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The outbox's Kafka producers (the relay's and {@link DirectPublisher}'s): the producer's share of
 * the service's {@code kafka.*} settings, with what an acknowledged record needs on top: acks from
 * every in-sync replica, idempotence (no repeat, order kept), and a bound on every wait.
 */
final class KafkaProducers {

    private KafkaProducers() {
    }

    /**
     * A producer named {@code clientId} whose record is acknowledged, or fails, within {@code deliveryTimeout}
     * of its send, and whose send blocks (for the broker's metadata or buffer room) {@code maxBlock} at most.
     */
    static KafkaProducer<String, byte[]> create(Map<String, Object> kafkaSettings, String clientId, Duration deliveryTimeout,
                                                Duration maxBlock, int lingerMs) {
        // The shared settings also hold the consumers' (group.id, auto.offset.reset...), and a producer
        // warns about every setting it does not know, each time one is created.
        Set<String> producerKeys = ProducerConfig.configNames();
        Map<String, Object> settings = new LinkedHashMap<>();
        kafkaSettings.forEach((key, value) -> {
            if (producerKeys.contains(key)) {
                settings.put(key, value);
            }
        });
        int timeout = (int) deliveryTimeout.toMillis();
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // Idempotence keeps the order of up to 5 requests in flight per partition.
        settings.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        settings.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeout);
        settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(1, timeout - lingerMs));
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) maxBlock.toMillis());
        return new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer());
    }
}
