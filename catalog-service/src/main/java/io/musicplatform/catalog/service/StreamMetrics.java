package io.musicplatform.catalog.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The live streams' meters, each per replica (sum them across replicas):
 * {@code music_catalog_stream_open}, {@code music_catalog_stream_events_total{type}},
 * {@code music_catalog_stream_delay_seconds} (a histogram), {@code music_catalog_stream_closed_total{reason}}
 * and {@code music_catalog_stream_refused_total}.
 */
final class StreamMetrics {

    /** Buckets of the delay: a live change normally arrives within tens of milliseconds; seconds mean a backlog. */
    private static final Duration[] DELAY_BUCKETS = {
            Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)};

    private final Map<String, Counter> events = new ConcurrentHashMap<>();
    private final Map<LiveStream.CloseReason, Counter> closed = new EnumMap<>(LiveStream.CloseReason.class);
    private final Counter refused;
    private final Timer delay;

    StreamMetrics(MeterRegistry registry, Supplier<Number> open) {
        Gauge.builder("music.catalog.stream.open", open)
                .description("Live streams (GET /me/stream) open on this replica")
                .register(registry);
        // Registered at zero, so that the first events show as an increase.
        for (String type : List.of("ready", "notification", "playlist", "resync", "heartbeat")) {
            events.put(type, Counter.builder("music.catalog.stream.events")
                    .description("Events written to live streams, by type")
                    .tag("type", type)
                    .register(registry));
        }
        for (LiveStream.CloseReason reason : LiveStream.CloseReason.values()) {
            closed.put(reason, Counter.builder("music.catalog.stream.closed")
                    .description("Live streams ended, by why: the client went, its token expired, it read too slowly, the"
                            + " replica stopped, or the database failed a replay")
                    .tag("reason", reason.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                    .register(registry));
        }
        refused = Counter.builder("music.catalog.stream.refused")
                .description("Streams refused with 429: the listener had the most streams open on this replica")
                .register(registry);
        delay = Timer.builder("music.catalog.stream.delay")
                .description("From a change's commit (its occurredAt) to its event written to a stream that received it live;"
                        + " replays after a reconnect are not counted")
                .serviceLevelObjectives(DELAY_BUCKETS)
                .register(registry);
    }

    void sent(StreamEvent event, Instant occurredAt) {
        events.get(event.type()).increment();
        if (occurredAt != null) {
            // Clocks of two replicas may disagree by a little: a negative delay counts as none.
            Duration late = Duration.between(occurredAt, Instant.now());
            delay.record(late.isNegative() ? Duration.ZERO : late);
        }
    }

    void closed(LiveStream.CloseReason reason) {
        closed.get(reason).increment();
    }

    void refused() {
        refused.increment();
    }
}
