package io.musicplatform.playback.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.musicplatform.events.PlayContext;
import io.musicplatform.events.TrackFacts;
import io.musicplatform.events.TrackIngested;
import io.musicplatform.events.TrackPlayed;
import io.musicplatform.events.TrackStatus;
import io.musicplatform.outbox.Outbox;
import io.musicplatform.playback.config.PlaybackConfig;
import io.musicplatform.playback.entity.KeyedPlay;
import io.musicplatform.playback.entity.PlayableTrack;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Playback's rules: the highest revision of a track wins in its projection; a play is granted only
 * for an available track in the listener's territory, and is announced by exactly one TrackPlayed,
 * durable before the play is answered, so that an answered play is never lost and a retried one is
 * never announced twice: acknowledged by Kafka or committed to the outbox ({@link PlayCommits}), or,
 * with an Idempotency-Key, written to the outbox in the same transaction as the key. Knows nothing of
 * Kafka or HTTP.
 */
@ApplicationScoped
public class PlaybackService {

    /** What applying a revision did. */
    public enum Outcome { APPLIED, STALE }

    /** A granted play: its id (the event's id), the track, and whether it is an earlier grant given back. */
    public record Grant(UUID playId, PlayableTrack track, boolean replayed) {
    }

    /** What a listener says about where they play; lowercase words, "unknown" when not said. */
    public record Where(String platform, String device) {
        public static final Where UNKNOWN = new Where("unknown", "unknown");
    }

    /** PostgreSQL's unique_violation: two requests with one Idempotency-Key met. */
    private static final String UNIQUE_VIOLATION = "23505";

    private final Outbox outbox;
    private final PlayCommits commits;
    private final PlayableTracks tracks;
    private final PlayRateLimiter limiter;
    private final Duration keyRetention;
    private final Counter granted;

    public PlaybackService(Outbox outbox, PlayCommits commits, PlayableTracks tracks, PlayRateLimiter limiter, PlaybackConfig config,
                           MeterRegistry registry) {
        this.outbox = outbox;
        this.commits = commits;
        this.tracks = tracks;
        this.limiter = limiter;
        this.keyRetention = config.idempotencyRetention();
        this.granted = Counter.builder("music.plays.granted")
                .description("Plays granted: each answered with a stream URL and announced by one TrackPlayed")
                .register(registry);
    }

    /** Applies a revision to the projection, and once it has committed, to the tracks the plays check. */
    public Uni<Outcome> apply(TrackIngested event) {
        return Panache.withTransaction(() -> newer(event)).map(applied -> {
            applied.ifPresent(tracks::applied);
            return applied.isPresent() ? Outcome.APPLIED : Outcome.STALE;
        });
    }

    /** The track as {@code event} leaves it, or empty when the projection already holds that revision or a later one. */
    private Uni<Optional<PlayableTrack>> newer(TrackIngested event) {
        UUID id = UUID.fromString(event.trackId());
        // The row lock orders two replicas that meet on one track during a rebalance.
        return PlayableTrack.<PlayableTrack>findById(id, LockModeType.PESSIMISTIC_WRITE).chain(existing -> {
            if (existing != null && existing.revision >= event.revision()) {
                return Uni.createFrom().item(Optional.<PlayableTrack>empty());
            }
            PlayableTrack track = existing != null ? existing : new PlayableTrack();
            track.id = id;
            track.revision = event.revision();
            track.status = event.status();
            track.title = event.title();
            track.artists = new ArrayList<>(event.artists());
            track.genre = event.genre();
            track.durationMs = event.durationMs();
            track.mediaBucket = event.media().bucket();
            track.mediaKey = event.media().key();
            track.contentType = event.media().contentType();
            track.territories = new ArrayList<>(event.territories() == null ? List.of() : event.territories());
            track.updatedAt = event.occurredAt();
            Uni<?> saved = existing != null ? Uni.createFrom().item(track) : track.persist();
            return saved.chain(() -> track.status == TrackStatus.TAKEN_DOWN ? OfflineLicences.revokeForTakedown(id) : Uni.createFrom().voidItem())
                    .replaceWith(Optional.of(track));
        });
    }

    @WithSession
    public Uni<PlayableTrack> track(UUID id) {
        return PlayableTrack.findById(id);
    }

    /**
     * Grants a play, or refuses it ({@link PlayRefused}). With an Idempotency-Key, a second request
     * of the same listener gets the first one's play back and nothing is announced again, even when
     * the two arrive at once. Without one, the play's only write is its event: the rights are checked
     * on the tracks held in memory ({@link PlayableTracks}), and the event goes to Kafka directly or,
     * when Kafka is slow, to the outbox with the other plays of the moment ({@link PlayCommits});
     * either way the answer waits until the event is durable.
     */
    public Uni<Grant> play(UUID trackId, Listener listener, Where where, Optional<String> key) {
        limiter.acquire(listener.id());
        if (key.isEmpty()) {
            return tracks.find(trackId).chain(track -> {
                requirePlayable(trackId, track, listener);
                TrackPlayed event = played(UUID.randomUUID(), track, listener, where);
                return commits.commit(event).replaceWith(new Grant(event.eventId(), track, false));
            }).invoke(() -> granted.increment());
        }
        return Panache.withTransaction(() -> grant(trackId, listener, where, key))
                .onFailure(PlaybackService::isUniqueViolation).recoverWithUni(failure -> key.isPresent()
                        ? Panache.withSession(() -> earlier(trackId, listener, key.get()))
                                .map(earlier -> earlier.orElseThrow(() -> new IllegalStateException("A play key clashed yet is not stored", failure)))
                        : Uni.createFrom().failure(failure))
                .invoke(grant -> {
                    if (!grant.replayed()) {
                        granted.increment();
                    }
                });
    }

    private Uni<Grant> grant(UUID trackId, Listener listener, Where where, Optional<String> key) {
        Uni<Optional<Grant>> earlier = key.isPresent() ? earlier(trackId, listener, key.get()) : Uni.createFrom().item(Optional.empty());
        return earlier.chain(found -> {
            if (found.isPresent()) {
                return Uni.createFrom().item(found.get());
            }
            return tracks.find(trackId).chain(track -> {
                requirePlayable(trackId, track, listener);
                TrackPlayed event = played(UUID.randomUUID(), track, listener, where);
                UUID playId = event.eventId();
                Instant now = event.occurredAt();
                Uni<Void> remembered = key.map(value -> {
                    KeyedPlay keyed = new KeyedPlay();
                    keyed.userId = listener.id();
                    keyed.idempotencyKey = value;
                    keyed.playId = playId;
                    keyed.trackId = trackId;
                    keyed.grantedAt = now;
                    // Flushed now, so that a clash with a concurrent request fails here, before the event is appended.
                    return keyed.<KeyedPlay>persist().chain(() -> Panache.getSession().chain(session -> session.flush()));
                }).orElse(Uni.createFrom().voidItem());
                return remembered.chain(() -> outbox.append(event)).replaceWith(new Grant(playId, track, false));
            });
        });
    }

    /** The event that announces play {@code playId}: who, where, and the track's facts from the projection. */
    private static TrackPlayed played(UUID playId, PlayableTrack track, Listener listener, Where where) {
        return new TrackPlayed(playId, Instant.now().truncatedTo(ChronoUnit.MICROS), track.id.toString(), listener.id(),
                new PlayContext(where.platform(), where.device(), listener.country()),
                new TrackFacts(track.artists.getFirst(), track.genre, track.durationMs));
    }

    /** The play this listener was granted under {@code key}, if it is still remembered; a key of another track is refused. */
    private Uni<Optional<Grant>> earlier(UUID trackId, Listener listener, String key) {
        return KeyedPlay.<KeyedPlay>find("userId = ?1 and idempotencyKey = ?2 and grantedAt >= ?3",
                        listener.id(), key, Instant.now().minus(keyRetention)).firstResult()
                .chain(keyed -> {
                    if (keyed == null) {
                        return Uni.createFrom().item(Optional.<Grant>empty());
                    }
                    if (!keyed.trackId.equals(trackId)) {
                        throw new PlayRefused.KeyReused(key, keyed.trackId);
                    }
                    // The rights are checked again: a track taken down since is not streamed on a retry.
                    return tracks.find(trackId).map(track -> {
                        requirePlayable(trackId, track, listener);
                        return Optional.of(new Grant(keyed.playId, track, true));
                    });
                });
    }

    /** Refuses a track that does not exist, was taken down or is not licensed where the listener is. */
    static void requirePlayable(UUID trackId, PlayableTrack track, Listener listener) {
        if (track == null) {
            throw new PlayRefused.NoSuchTrack(trackId);
        }
        if (track.status == TrackStatus.TAKEN_DOWN) {
            throw new PlayRefused.TakenDown(trackId);
        }
        if (!track.playableIn(listener.country())) {
            throw new PlayRefused.NotInTerritory(trackId, listener.country());
        }
    }

    private static boolean isUniqueViolation(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())) {
                return true;
            }
            if (cause instanceof org.hibernate.exception.ConstraintViolationException violation
                    && UNIQUE_VIOLATION.equals(violation.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** Forgets Idempotency-Keys past their retention: a retry that late is a new play. */
    @Scheduled(every = "10m", delayed = "1m")
    Uni<Void> forgetOldKeys() {
        return Panache.withTransaction(() -> KeyedPlay.delete("grantedAt < ?1", Instant.now().minus(keyRetention))).replaceWithVoid();
    }
}
