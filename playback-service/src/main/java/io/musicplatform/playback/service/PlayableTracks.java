package io.musicplatform.playback.service;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.musicplatform.playback.config.PlaybackConfig;
import io.musicplatform.playback.entity.PlayableTrack;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The playable tracks that plays check, held in memory (Caffeine), so that a play does not wait for
 * the projection's row. Bounded ({@code track-cache-size} tracks, the least used go first); filled
 * from the rows; kept current by every revision this replica applies, put in as soon as it has
 * committed, so that a takedown applied here stops plays here at once.
 *
 * <p>The replicas share the partitions of track-ingested, so a revision may be applied by another
 * replica. Every entry is therefore dropped {@code track-cache-ttl} after it was read from its row,
 * and read again by the next play: a revision applied anywhere (a takedown, a change of territories)
 * holds on every replica within that time. A track that is played often is read again in the
 * background once half the time has passed, the plays being answered from memory meanwhile, so that
 * the bound costs them no wait. An unknown track is not remembered: a track published a moment ago
 * plays as soon as its row is there.
 */
@ApplicationScoped
public class PlayableTracks {

    private static final String CACHE = "playable-tracks";

    private final Vertx vertx;
    private final AsyncLoadingCache<UUID, PlayableTrack> tracks;

    public PlayableTracks(PlaybackConfig config, Vertx vertx, MeterRegistry registry) {
        this.vertx = vertx;
        Duration ttl = config.trackCacheTtl();
        if (!ttl.isPositive() || config.trackCacheSize() < 1) {
            throw new IllegalArgumentException("music.playback.track-cache-ttl must be more than 0 and track-cache-size at least 1; "
                    + "they are " + ttl + " and " + config.trackCacheSize());
        }
        this.tracks = Caffeine.newBuilder()
                .maximumSize(config.trackCacheSize())
                .expireAfterWrite(ttl)
                .refreshAfterWrite(ttl.dividedBy(2))
                .recordStats()
                .buildAsync((id, executor) -> read(id));
        CaffeineCacheMetrics.monitor(registry, tracks, CACHE);
    }

    /**
     * The track as of at most {@code track-cache-ttl} ago (as of now for a revision this replica
     * applied), or null when there is no such track; the answer comes on the caller's Vert.x context.
     */
    public Uni<PlayableTrack> find(UUID id) {
        CompletableFuture<PlayableTrack> track = tracks.get(id);
        if (track.isDone()) {
            return Uni.createFrom().completionStage(track);
        }
        Context caller = Vertx.currentContext();
        Uni<PlayableTrack> read = Uni.createFrom().completionStage(track);
        return caller == null ? read : read.emitOn(answer -> caller.runOnContext(ignored -> answer.run()));
    }

    /** A revision this replica has just committed: plays see it from now on. */
    public void applied(PlayableTrack track) {
        tracks.put(track.id, CompletableFuture.completedFuture(track));
    }

    /**
     * Reads the row in a session of its own, on a Vert.x context of its own: the cache calls it from
     * the thread that asks (a play, maybe inside a transaction whose session must not be shared) or
     * from one of its own.
     */
    private CompletableFuture<PlayableTrack> read(UUID id) {
        CompletableFuture<PlayableTrack> read = new CompletableFuture<>();
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> Panache.withSession(() -> PlayableTrack.<PlayableTrack>findById(id))
                .subscribe().with(read::complete, read::completeExceptionally));
        return read;
    }
}
