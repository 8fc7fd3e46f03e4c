package io.musicplatform.search.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.musicplatform.events.TrackIngested;
import io.musicplatform.events.TrackPlayed;
import io.musicplatform.events.TrackStatus;
import io.musicplatform.search.index.BulkWriter;
import io.musicplatform.search.index.TrackIndex;
import io.musicplatform.search.mapping.TrackDocuments;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes batches of events to every index the feed alias names (one, or two during a re-index), in
 * one bulk request per batch. Revisions are ordered by the index itself (TrackDocuments); plays are
 * summed per track first, so a batch of 500 plays of 3 tracks is 3 updates.
 */
@ApplicationScoped
public class TrackFeed {

    private static final Logger LOG = Logger.getLogger(TrackFeed.class);
    private static final long FIRST_REVISION = 1;

    /** What a revision did to the index. */
    public enum Outcome { APPLIED, REMOVED, STALE, REFUSED }

    private final TrackIndex index;
    private final TrackDocuments documents;
    private final BulkWriter writer;
    private final Map<Outcome, Counter> revisions = new EnumMap<>(Outcome.class);
    private final Counter plays;
    private final Counter popularityUpdates;
    private final DistributionSummary batchSizes;

    public TrackFeed(TrackIndex index, TrackDocuments documents, BulkWriter writer, MeterRegistry registry) {
        this.index = index;
        this.documents = documents;
        this.writer = writer;
        for (Outcome outcome : Outcome.values()) {
            revisions.put(outcome, Counter.builder("music.search.revisions")
                    .description("Revisions of track-ingested applied to the index, removed (takedowns), ignored as not newer, or refused by the index")
                    .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                    .register(registry));
        }
        plays = Counter.builder("music.search.plays").description("Plays added to the tracks' popularity").register(registry);
        popularityUpdates = Counter.builder("music.search.popularity.updates")
                .description("Popularity updates written to the index: one per track per batch").register(registry);
        batchSizes = DistributionSummary.builder("music.search.feed.batch.size")
                .description("Documents written per batch by the feed: one bulk request, two when first revisions meet existing documents")
                .register(registry);
    }

    /**
     * Applies a batch of revisions; answers the revisions whose document the index refused for good,
     * with the index's reason, for the dead-letter topic. Waits (retrying) while the index is away.
     */
    public Uni<Map<TrackIngested, String>> apply(List<TrackIngested> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        // The highest revision of each track in the batch is the only one worth writing.
        Map<String, TrackIngested> latest = new LinkedHashMap<>();
        for (TrackIngested event : events) {
            TrackIngested held = latest.get(event.trackId());
            if (held == null || event.revision() > held.revision()) {
                latest.put(event.trackId(), event);
            }
        }
        revisions.get(Outcome.STALE).increment(events.size() - latest.size());
        return retried(index.feedTargets().chain(targets -> {
            // A first revision is usually a new track: created plainly, as cheap for the index as any new
            // document; only those whose document exists (a placeholder of early plays, a replay) take
            // the scripted update. Later revisions go straight to the script, which keeps their plays.
            List<BulkWriter.Update<TrackIngested>> creations = new ArrayList<>();
            List<BulkWriter.Update<TrackIngested>> updates = new ArrayList<>();
            for (String target : targets) {
                for (TrackIngested event : latest.values()) {
                    if (event.revision() == FIRST_REVISION) {
                        creations.add(BulkWriter.Update.creation(target, event.trackId(), documents.created(event), event));
                    } else {
                        updates.add(new BulkWriter.Update<>(target, event.trackId(), documents.revision(event), event));
                    }
                }
            }
            batchSizes.record(creations.size() + updates.size());
            return writer.write(creations).chain(created -> {
                List<BulkWriter.Outcome<TrackIngested>> outcomes = new ArrayList<>();
                for (BulkWriter.Outcome<TrackIngested> outcome : created) {
                    if (BulkWriter.EXISTS.equals(outcome.result())) {
                        TrackIngested event = outcome.update().source();
                        updates.add(new BulkWriter.Update<>(outcome.update().index(), event.trackId(), documents.revision(event), event));
                    } else {
                        outcomes.add(outcome);
                    }
                }
                return writer.write(updates).map(written -> {
                    outcomes.addAll(written);
                    return outcomes;
                });
            });
        }), "revisions").map(outcomes -> {
            Map<TrackIngested, String> refused = new LinkedHashMap<>();
            for (BulkWriter.Outcome<TrackIngested> outcome : outcomes) {
                TrackIngested event = outcome.update().source();
                if (outcome.refused()) {
                    refused.putIfAbsent(event, outcome.refusal());
                }
            }
            // Counted once per revision, on whichever index answered first.
            Map<TrackIngested, Outcome> counted = new LinkedHashMap<>();
            for (BulkWriter.Outcome<TrackIngested> outcome : outcomes) {
                TrackIngested event = outcome.update().source();
                counted.putIfAbsent(event, outcome.refused() ? Outcome.REFUSED
                        : "noop".equals(outcome.result()) ? Outcome.STALE
                        : event.status() == TrackStatus.TAKEN_DOWN ? Outcome.REMOVED : Outcome.APPLIED);
            }
            counted.values().forEach(outcome -> revisions.get(outcome).increment());
            return refused;
        });
    }

    /** Adds a batch of plays to the tracks' popularity: one update per track. */
    public Uni<Void> played(List<TrackPlayed> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Map<String, Long> perTrack = new LinkedHashMap<>();
        events.forEach(event -> perTrack.merge(event.trackId(), 1L, Long::sum));
        return retried(index.feedTargets().chain(targets -> {
            List<BulkWriter.Update<String>> updates = new ArrayList<>();
            for (String target : targets) {
                perTrack.forEach((trackId, count) -> updates.add(new BulkWriter.Update<>(target, trackId, documents.plays(trackId, count), trackId)));
            }
            batchSizes.record(updates.size());
            return writer.write(updates);
        }), "plays").invoke(outcomes -> {
            outcomes.stream().filter(BulkWriter.Outcome::refused).forEach(outcome ->
                    LOG.errorf("The index refused the popularity of track %s: %s", outcome.update().id(), outcome.refusal()));
            plays.increment(events.size());
            popularityUpdates.increment(perTrack.size());
        }).replaceWithVoid();
    }

    /** The index away, or no index yet: wait and try again, the partition must not move past these events. */
    private <T> Uni<T> retried(Uni<T> write, String what) {
        return write.onFailure().invoke(failure -> LOG.warnf("Could not write %s to the index yet: %s", what, failure.toString()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(30)).indefinitely();
    }
}
