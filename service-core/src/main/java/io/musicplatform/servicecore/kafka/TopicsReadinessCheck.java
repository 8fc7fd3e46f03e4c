package io.musicplatform.servicecore.kafka;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.util.Set;
import java.util.TreeSet;

/**
 * Ready only when every topic the service writes or reads exists. A consumer whose topic is missing
 * waits, not ready, rather than crash; so does a producer whose topic could not be created yet.
 */
@Readiness
@ApplicationScoped
public class TopicsReadinessCheck implements HealthCheck {

    static final String NAME = "Kafka topics";

    private final ServiceTopics topics;
    private final MessagingConfig config;
    private volatile HealthCheckResponse last;
    private volatile long lastAt;

    public TopicsReadinessCheck(ServiceTopics topics, MessagingConfig config) {
        this.topics = topics;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponse cached = last;
        if (cached != null && System.nanoTime() - lastAt < config.readinessCacheTime().toNanos()) {
            return cached;
        }
        HealthCheckResponse answer = check();
        last = answer;
        lastAt = System.nanoTime();
        return answer;
    }

    private HealthCheckResponse check() {
        Set<String> needed = topics.names();
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).withData("topics", String.join(",", needed));
        if (needed.isEmpty()) {
            return response.up().build();
        }
        try {
            Set<String> existing = topics.existing(config.readinessTimeout());
            Set<String> missing = new TreeSet<>(needed);
            missing.removeAll(existing);
            if (missing.isEmpty()) {
                return response.up().build();
            }
            return response.down().withData("missing", String.join(",", missing)).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return response.down().withData("error", "interrupted").build();
        } catch (Exception e) {
            return response.down().withData("error", "Kafka did not list its topics: " + e).build();
        }
    }
}
