package io.musicplatform.catalog.service;

import io.musicplatform.catalog.config.CatalogConfig;
import io.musicplatform.catalog.entity.Artist;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What listeners follow: artists (by the shared artist id) and genres (compared case-insensitively).
 * Subscribing twice changes nothing; a listener follows at most a configured number of both together.
 * Knows nothing of HTTP.
 */
@ApplicationScoped
public class SubscriptionService {

    /** The longest genre name one can follow, in characters. */
    public static final int MAX_GENRE_LENGTH = 100;

    /** What a listener follows. */
    public enum Kind { ARTIST, GENRE }

    /** One subscription: the artist's id or the genre in lower case, its name for display, and since when. */
    public record Subscription(Kind kind, String id, String name, Instant subscribedAt) {
    }

    /** What a subscription request did. */
    public enum Result { CREATED, EXISTED, NO_SUCH_ARTIST, LIMIT_REACHED }

    /** Where a page of subscriptions starts: strictly after this one, in the list's order (newest first). */
    public record After(Instant subscribedAt, Kind kind, String id) {
    }

    /** Keeps one listener's subscription requests apart from other advisory locks of the schema. */
    private static final int LOCK_NAMESPACE = 0x53554253; // "SUBS"

    private final Pool pool;
    private final int maxPerUser;

    public SubscriptionService(Pool pool, CatalogConfig config) {
        this.pool = pool;
        this.maxPerUser = config.subscriptions().maxPerUser();
    }

    public int maxPerUser() {
        return maxPerUser;
    }

    @WithTransaction
    public Uni<Result> followArtist(String userId, UUID artistId) {
        return Artist.<Artist>findById(artistId).chain(artist -> artist == null ? Uni.createFrom().item(Result.NO_SUCH_ARTIST)
                : follow(userId, Kind.ARTIST, artistId.toString()));
    }

    @WithTransaction
    public Uni<Result> followGenre(String userId, String genre) {
        return follow(userId, Kind.GENRE, genre);
    }

    @WithTransaction
    public Uni<Void> unfollowArtist(String userId, UUID artistId) {
        return unfollow(userId, Kind.ARTIST, artistId.toString());
    }

    @WithTransaction
    public Uni<Void> unfollowGenre(String userId, String genre) {
        return unfollow(userId, Kind.GENRE, genre);
    }

    /**
     * One subscription of the listener, with its display name; null when they do not follow it. Read
     * after a change, so through the same reactive client as the list.
     */
    public Uni<Subscription> find(String userId, Kind kind, String target) {
        return pool.preparedQuery(SELECT + " WHERE s.user_id = $1 AND s.kind = $2 AND s.target = " + key(kind, "$3"))
                .execute(Tuple.of(userId, kind.name(), target))
                .map(rows -> rows.size() == 0 ? null : subscription(rows.iterator().next()));
    }

    /** The listener's subscriptions, newest first; {@code limit} at most. */
    public Uni<List<Subscription>> list(String userId, Optional<After> after, int limit) {
        List<Object> parameters = new ArrayList<>(List.of(userId));
        String where = " WHERE s.user_id = $1";
        if (after.isPresent()) {
            parameters.add(after.get().subscribedAt().atOffset(ZoneOffset.UTC));
            parameters.add(after.get().kind().name());
            parameters.add(after.get().id());
            // The index's order: created_at descending, then kind and target ascending.
            where += " AND (s.created_at < $2 OR (s.created_at = $2 AND (s.kind, s.target) > ($3, $4)))";
        }
        parameters.add(limit);
        return pool.preparedQuery(SELECT + where + " ORDER BY s.created_at DESC, s.kind, s.target LIMIT $" + parameters.size())
                .execute(Tuple.from(parameters))
                .map(rows -> {
                    List<Subscription> page = new ArrayList<>(rows.size());
                    rows.forEach(row -> page.add(subscription(row)));
                    return page;
                });
    }

    private static final String SELECT = """
            SELECT s.kind, s.target, coalesce(a.name, s.name, s.target) AS name, s.created_at
            FROM subscription s
            LEFT JOIN artist a ON s.kind = 'ARTIST' AND a.id = CASE WHEN s.kind = 'ARTIST' THEN s.target::uuid END""";

    private static Subscription subscription(io.vertx.mutiny.sqlclient.Row row) {
        return new Subscription(Kind.valueOf(row.getString("kind")), row.getString("target"), row.getString("name"),
                row.getOffsetDateTime("created_at").toInstant());
    }

    /**
     * The listener's requests are serialized by a transaction-scoped advisory lock on their id, so that
     * two at once cannot both pass the limit check; followers of other users never wait.
     */
    private Uni<Result> follow(String userId, Kind kind, String target) {
        String key = key(kind, "?3");
        return Panache.getSession().chain(session -> session
                        .createNativeQuery("SELECT pg_advisory_xact_lock(?1, hashtext(?2))", Object.class)
                        .setParameter(1, LOCK_NAMESPACE).setParameter(2, userId)
                        .getSingleResult()
                        .chain(() -> session.createNativeQuery("SELECT count(*) AS total, count(*) FILTER (WHERE kind = ?2 AND target = "
                                        + key + ") AS same FROM subscription WHERE user_id = ?1", Object[].class)
                                .setParameter(1, userId).setParameter(2, kind.name())
                                .setParameter(3, target)
                                .getSingleResult())
                        .chain(counts -> {
                            if (((Number) counts[1]).longValue() > 0) {
                                return Uni.createFrom().item(Result.EXISTED);
                            }
                            if (((Number) counts[0]).longValue() >= maxPerUser) {
                                return Uni.createFrom().item(Result.LIMIT_REACHED);
                            }
                            return session.createNativeQuery("INSERT INTO subscription (user_id, kind, target, name, created_at)"
                                            + " VALUES (?1, ?2, " + key + ", ?4, statement_timestamp())")
                                    .setParameter(1, userId).setParameter(2, kind.name()).setParameter(3, target)
                                    .setParameter(4, kind == Kind.GENRE ? target : null)
                                    .executeUpdate()
                                    .replaceWith(Result.CREATED);
                        }));
    }

    private static Uni<Void> unfollow(String userId, Kind kind, String target) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("DELETE FROM subscription WHERE user_id = ?1 AND kind = ?2 AND target = " + key(kind, "?3"))
                .setParameter(1, userId).setParameter(2, kind.name()).setParameter(3, target)
                .executeUpdate()).replaceWithVoid();
    }

    /**
     * The stored form of a target, in SQL: a genre in lower case, by PostgreSQL's lower() as browsing
     * and the fan-out compare genres, so that the three always agree.
     */
    private static String key(Kind kind, String parameter) {
        return kind == Kind.GENRE ? "lower(" + parameter + ")" : parameter;
    }
}
