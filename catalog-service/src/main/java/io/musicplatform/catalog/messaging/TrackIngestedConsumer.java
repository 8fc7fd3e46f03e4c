package io.musicplatform.catalog.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.musicplatform.catalog.service.CatalogService;
import io.musicplatform.events.EventCodec;
import io.musicplatform.servicecore.kafka.EventRecords;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Turns each record of track-ingested into one call of the catalog's logic. An unreadable record goes
 * to the dead-letter topic (the helper's job); a failure of the database is retried, with a growing
 * pause, until it is back: the partition waits rather than skip a revision.
 */
@ApplicationScoped
public class TrackIngestedConsumer {

    public static final String CHANNEL = "track-ingested";

    private static final Logger LOG = Logger.getLogger(TrackIngestedConsumer.class);

    private final EventRecords records;
    private final CatalogService catalog;
    private final Map<CatalogService.Outcome, Counter> revisions = new EnumMap<>(CatalogService.Outcome.class);
    private final Counter notifications;

    public TrackIngestedConsumer(EventRecords records, CatalogService catalog, MeterRegistry registry) {
        this.records = records;
        this.catalog = catalog;
        // Registered at zero, so that the first revisions show as an increase.
        for (CatalogService.Outcome outcome : CatalogService.Outcome.values()) {
            revisions.put(outcome, Counter.builder("music.catalog.revisions")
                    .description("Revisions of track-ingested applied to the catalog, or ignored as not newer than what it holds")
                    .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                    .register(registry));
        }
        notifications = Counter.builder("music.catalog.notifications.created")
                .description("New-release notifications made for listeners (a track joining its album's notification makes none)")
                .register(registry);
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        return records.read(record, EventCodec.TRACK_INGESTED)
                .onItem().ifNotNull().transformToUni(event -> Uni.createFrom().deferred(() -> catalog.apply(event))
                        .onFailure().invoke(failure -> LOG.warnf("Could not apply revision %d of track %s yet: %s",
                                event.revision(), event.trackId(), failure.toString()))
                        .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(30)).indefinitely()
                        // Counted once committed: a failed attempt, rolled back and retried, is not counted twice.
                        .invoke(applied -> {
                            revisions.get(applied.outcome()).increment();
                            notifications.increment(applied.notifications());
                        }))
                .replaceWithVoid();
    }
}
