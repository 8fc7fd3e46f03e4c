package io.musicplatform.catalog.service;

import io.musicplatform.catalog.entity.Track;
import io.musicplatform.events.TrackStatus;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Listeners' ratings. A change locks the track's row, then adjusts its sum and count by the
 * difference with the listener's previous rating, in the same transaction: two listeners rating at
 * once are counted both, and the average never needs a scan.
 */
@ApplicationScoped
public class RatingService {

    /** A listener's own rating of a track. */
    public record Rating(UUID trackId, int stars, Instant ratedAt) {
    }

    /** What a rating change found. */
    public enum Result { DONE, NO_SUCH_TRACK, TAKEN_DOWN }

    @WithTransaction
    public Uni<Result> rate(UUID trackId, String userId, int stars) {
        return lockPlayable(trackId).chain(result -> result != Result.DONE ? Uni.createFrom().item(result)
                : previous(trackId, userId).chain(previous -> Panache.getSession().chain(session -> session
                        .createNativeQuery("INSERT INTO rating (track_id, user_id, stars, rated_at) VALUES (?1, ?2, ?3, ?4)"
                                + " ON CONFLICT (track_id, user_id) DO UPDATE SET stars = EXCLUDED.stars, rated_at = EXCLUDED.rated_at")
                        .setParameter(1, trackId).setParameter(2, userId).setParameter(3, (short) stars)
                        .setParameter(4, OffsetDateTime.now(ZoneOffset.UTC))
                        .executeUpdate()
                        .chain(() -> adjust(trackId, stars - (previous == null ? 0 : previous), previous == null ? 1 : 0))))
                        .replaceWith(Result.DONE));
    }

    @WithTransaction
    public Uni<Result> unrate(UUID trackId, String userId) {
        return lockPlayable(trackId).chain(result -> result == Result.NO_SUCH_TRACK ? Uni.createFrom().item(result)
                : previous(trackId, userId).chain(previous -> previous == null ? Uni.createFrom().item(Result.DONE)
                        : Panache.getSession().chain(session -> session
                                .createNativeQuery("DELETE FROM rating WHERE track_id = ?1 AND user_id = ?2")
                                .setParameter(1, trackId).setParameter(2, userId).executeUpdate())
                        .chain(() -> adjust(trackId, -previous, -1))
                        .replaceWith(Result.DONE)));
    }

    @WithSession
    public Uni<Rating> ratingOf(UUID trackId, String userId) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("SELECT stars, rated_at FROM rating WHERE track_id = ?1 AND user_id = ?2", Object[].class)
                .setParameter(1, trackId).setParameter(2, userId)
                .getSingleResultOrNull())
                .map(row -> row == null ? null : new Rating(trackId, ((Number) row[0]).intValue(), Timestamps.instant(row[1])));
    }

    private static Uni<Result> lockPlayable(UUID trackId) {
        return Track.<Track>findById(trackId, LockModeType.PESSIMISTIC_WRITE).map(track -> track == null ? Result.NO_SUCH_TRACK
                : track.status == TrackStatus.TAKEN_DOWN ? Result.TAKEN_DOWN : Result.DONE);
    }

    private static Uni<Integer> previous(UUID trackId, String userId) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("SELECT stars FROM rating WHERE track_id = ?1 AND user_id = ?2", Object.class)
                .setParameter(1, trackId).setParameter(2, userId)
                .getSingleResultOrNull())
                .map(value -> value == null ? null : ((Number) value).intValue());
    }

    /** Moves the track's totals by a difference, in SQL, so the row never takes a value computed from a stale read. */
    private static Uni<Void> adjust(UUID trackId, int sumDelta, int countDelta) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("UPDATE track SET rating_sum = rating_sum + ?1, rating_count = rating_count + ?2 WHERE id = ?3")
                .setParameter(1, (long) sumDelta).setParameter(2, (long) countDelta).setParameter(3, trackId)
                .executeUpdate()).replaceWithVoid();
    }
}
