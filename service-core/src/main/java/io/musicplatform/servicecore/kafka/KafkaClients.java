package io.musicplatform.servicecore.kafka;

import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The service's Kafka clients outside its channels: one admin client (topic creation, readiness, lag)
 * and the settings for the few producers and consumers the shared pieces open, all built from the
 * same {@code kafka.*} configuration as the SmallRye channels, so security settings apply everywhere.
 */
@ApplicationScoped
public class KafkaClients {

    private final Map<String, Object> sharedConfig;
    private volatile Admin admin;

    @Inject
    public KafkaClients(@Identifier("default-kafka-broker") Map<String, Object> sharedConfig) {
        this.sharedConfig = Map.copyOf(sharedConfig);
    }

    /** The admin client, opened on first use; it reconnects by itself after a broker outage. */
    public Admin admin() {
        Admin current = admin;
        if (current == null) {
            synchronized (this) {
                if (admin == null) {
                    admin = Admin.create(only(AdminClientConfig.configNames()));
                }
                current = admin;
            }
        }
        return current;
    }

    /** Settings for a producer of the shared pieces, before its own (serializers, acks...). */
    public Map<String, Object> producerConfig() {
        return only(ProducerConfig.configNames());
    }

    /** Settings for a consumer of the shared pieces, before its own. */
    public Map<String, Object> consumerConfig() {
        return only(ConsumerConfig.configNames());
    }

    /** The service's consumer group: {@code kafka.group.id}, the service's name unless set. */
    public String groupId() {
        return String.valueOf(sharedConfig.getOrDefault(ConsumerConfig.GROUP_ID_CONFIG, "unknown"));
    }

    /** The client's own settings only, so that it does not warn about the others'. */
    private Map<String, Object> only(Set<String> names) {
        Map<String, Object> config = new HashMap<>();
        sharedConfig.forEach((key, value) -> {
            if (names.contains(key)) {
                config.put(key, value);
            }
        });
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return config;
    }

    /**
     * Gives calls still pending a moment, then drops them: a call made while the broker is away stays
     * pending for Kafka's default API timeout (60 s), longer than a pod's grace period.
     */
    @PreDestroy
    void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }
}
