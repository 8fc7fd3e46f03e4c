package io.musicplatform.playback.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.musicplatform.events.EventCodec;
import io.musicplatform.playback.service.PlaybackService;
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
 * Turns each record of track-ingested into one update of the playable-track projection. An unreadable
 * record goes to the dead-letter topic (the helper's job); a failure of the database is retried, with
 * a growing pause, until it is back: the partition waits rather than skip a revision.
 */
@ApplicationScoped
public class TrackIngestedConsumer {

    public static final String CHANNEL = "track-ingested";

    private static final Logger LOG = Logger.getLogger(TrackIngestedConsumer.class);

    private final EventRecords records;
    private final PlaybackService playback;
    private final Map<PlaybackService.Outcome, Counter> revisions = new EnumMap<>(PlaybackService.Outcome.class);

    public TrackIngestedConsumer(EventRecords records, PlaybackService playback, MeterRegistry registry) {
        this.records = records;
        this.playback = playback;
        for (PlaybackService.Outcome outcome : PlaybackService.Outcome.values()) {
            revisions.put(outcome, Counter.builder("music.playback.revisions")
                    .description("Revisions of track-ingested applied to the playable tracks, or ignored as not newer")
                    .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                    .register(registry));
        }
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        return records.read(record, EventCodec.TRACK_INGESTED)
                .onItem().ifNotNull().transformToUni(event -> Uni.createFrom().deferred(() -> playback.apply(event))
                        .onFailure().invoke(failure -> LOG.warnf("Could not apply revision %d of track %s yet: %s",
                                event.revision(), event.trackId(), failure.toString()))
                        .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(30)).indefinitely()
                        .invoke(outcome -> revisions.get(outcome).increment()))
                .replaceWithVoid();
    }
}
