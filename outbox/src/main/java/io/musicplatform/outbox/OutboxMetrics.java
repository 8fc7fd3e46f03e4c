package io.musicplatform.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The outbox's metrics, under the names dashboards and alerts query (Prometheus form):
 * <ul>
 *   <li>{@code music_events_published_total{topic}}: records Kafka acknowledged and the relay marked
 *       published (the same counter a service that publishes directly increments);</li>
 *   <li>{@code music_outbox_publish_failures_total{topic}}: sends that failed or were not
 *       acknowledged in time; each such row stays pending and goes again;</li>
 *   <li>{@code music_outbox_pending}: rows not yet published, as counted at the relay's last poll;</li>
 *   <li>{@code music_outbox_oldest_pending_age_seconds}: how long the oldest of them has waited
 *       (0 when none): the figure to alert on, since a healthy outbox stays near the poll interval;</li>
 *   <li>{@code music_outbox_stuck}: pending rows whose send has failed at least
 *       {@code music.outbox.stuck-after} times; each holds back the later events of its key.</li>
 * </ul>
 * Every replica counts the same table at each poll interval, whether or not it runs the relay
 * ({@code music.outbox.enabled}), so dashboards take the {@code max} of the gauges, and a backlog
 * shows even while the relay is off everywhere.
 */
@Singleton
class OutboxMetrics {

    static final String PUBLISHED = "music.events.published";
    static final String PUBLISH_FAILURES = "music.outbox.publish.failures";
    static final String PENDING = "music.outbox.pending";
    static final String OLDEST_PENDING_AGE = "music.outbox.oldest.pending.age";
    static final String STUCK = "music.outbox.stuck";

    private final MeterRegistry registry;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong stuck = new AtomicLong();
    /** When the oldest pending row was appended, or null when nothing is pending. */
    private volatile Instant oldestPending;

    OutboxMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder(PENDING, pending, AtomicLong::doubleValue)
                .description("Outbox rows not yet published to Kafka")
                .strongReference(true)
                .register(registry);
        Gauge.builder(OLDEST_PENDING_AGE, this, OutboxMetrics::oldestPendingAgeSeconds)
                .description("How long the oldest unpublished outbox row has waited")
                .baseUnit("seconds")
                .strongReference(true)
                .register(registry);
        Gauge.builder(STUCK, stuck, AtomicLong::doubleValue)
                .description("Outbox rows still pending after music.outbox.stuck-after failed sends")
                .strongReference(true)
                .register(registry);
    }

    /** What the relay last counted; the age keeps growing between two counts. */
    void backlog(long count, Instant oldest, long stuckCount) {
        pending.set(count);
        oldestPending = count == 0 ? null : oldest;
        stuck.set(stuckCount);
    }

    void published(String topic, int records) {
        registry.counter(PUBLISHED, "topic", topic).increment(records);
    }

    void publishFailed(String topic) {
        registry.counter(PUBLISH_FAILURES, "topic", topic).increment();
    }

    private double oldestPendingAgeSeconds() {
        Instant oldest = oldestPending;
        if (oldest == null) {
            return 0;
        }
        return Math.max(0, Duration.between(oldest, Instant.now()).toMillis() / 1000.0);
    }
}
