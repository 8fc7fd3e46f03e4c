package io.musicplatform.catalog.service;

import io.musicplatform.catalog.config.CatalogConfig;
import io.musicplatform.events.CatalogChanged;
import io.musicplatform.events.EventType;
import io.musicplatform.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * New-release notifications: when a track first becomes available, every listener who follows one of
 * its artists or its genre gets one notification; the tracks of one album that arrive within a window
 * share it. Knows nothing of Kafka or HTTP.
 *
 * <p>Rules, each held by the database rather than by a read-then-write:
 * <ul>
 *   <li>a track notifies once in its life: only when its row in {@code track_release} is new, so a
 *       redelivered revision, a correction, a takedown and a later restoration notify nobody;</li>
 *   <li>the window of an album counts from its first track ({@code album_release}): a track
 *       {@code n} windows after it (either way, rounded toward zero) joins notification {@code n};</li>
 *   <li>a notification is unique per listener and release key, so tracks of one album applied at once
 *       on several partitions or replicas meet on the same row ({@code INSERT ... ON CONFLICT DO UPDATE});
 *       the album's {@code album_release} row, locked by each of them, makes them take turns;</li>
 *   <li>a listener who follows the track's artist and its genre, or two of its artists, is matched
 *       once (by the first artist, else the genre).</li>
 * </ul>
 */
@ApplicationScoped
public class NotificationService {

    /** New tracks of a followed artist or genre. */
    public static final String NEW_RELEASE = "new-release";

    /** Changes that collaborators made to a playlist the listener owns or edits. */
    public static final String PLAYLIST_CHANGE = "playlist-change";

    /** The release key of a track without an album: its own, used once (track_release). */
    private static final String TRACK_KEY = "track:";

    /** A track of a notification. */
    public record NotifiedTrack(UUID id, String title) {
    }

    /**
     * One notification as its listener sees it. {@code sequence} is the listener's number of its last
     * change (see {@link #since}); the matched subscription, album and tracks are a new release's, the
     * playlist, who changed it and how many changes it gathers a playlist change's (null otherwise).
     */
    public record Notification(UUID id, String kind, long sequence, Instant createdAt, Instant updatedAt, boolean read,
                               SubscriptionService.Kind matchedKind, String matchedId, String matchedName,
                               UUID albumId, String albumTitle, List<NotifiedTrack> tracks,
                               UUID playlistId, String playlistName, String changedBy, Integer changes) {
    }

    /** Where a page of notifications starts: strictly after this one, newest first. */
    public record After(Instant createdAt, UUID id) {
    }

    /** What a request to mark notifications read found. */
    public enum ReadResult { DONE, NOT_FOUND }

    /** What the fan-out needs of a track that has just become available. */
    public record Release(UUID trackId, String title, Instant occurredAt, Map<UUID, String> artists, String genre,
                          UUID albumId, String albumTitle) {
    }

    private final Pool pool;
    private final Outbox outbox;
    private final Duration albumWindow;
    private final Duration playlistWindow;
    private final String publishing;

    public NotificationService(Pool pool, Outbox outbox, CatalogConfig config) {
        this.pool = pool;
        this.outbox = outbox;
        this.albumWindow = positive(config.notifications().albumWindow(), "album-window");
        this.playlistWindow = positive(config.notifications().playlistWindow(), "playlist-window");
        // One pending statement per transaction, its release's rows in listener order from where the last
        // batch stopped. FOR UPDATE: a fan-out that changes one of these rows meanwhile waits; its change
        // is pending again (its own row in notification_pending) and is published next time.
        this.publishing = """
                WITH next AS (SELECT id, release_key, after_user FROM notification_pending ORDER BY id LIMIT 1),
                batch AS (
                    SELECT n.release_key, n.user_id FROM notification n JOIN next p ON n.release_key = p.release_key
                    WHERE (p.after_user IS NULL OR n.user_id > p.after_user) AND NOT n.published
                    ORDER BY n.user_id LIMIT $1 FOR UPDATE OF n),
                bumped AS (
                    INSERT INTO listener_stream AS l (user_id, sequence)
                    SELECT user_id, 1 FROM batch ORDER BY user_id
                    ON CONFLICT (user_id) DO UPDATE SET sequence = l.sequence + 1
                    RETURNING l.user_id, l.sequence),
                marked AS (
                    UPDATE notification t SET published = true, sequence = b.sequence
                    FROM batch nb JOIN bumped b ON b.user_id = nb.user_id
                    WHERE t.release_key = nb.release_key AND t.user_id = nb.user_id
                    RETURNING t.*),
                advanced AS (
                    UPDATE notification_pending p SET after_user = (SELECT max(user_id) FROM batch)
                    FROM next WHERE p.id = next.id AND (SELECT count(*) FROM batch) = $1),
                finished AS (
                    DELETE FROM notification_pending p
                    USING next WHERE p.id = next.id AND (SELECT count(*) FROM batch) < $1),
                events AS (
                    SELECT e.event_id, e.occurred_at, e.user_id AS record_key, e.sequence, """ + EVENT_PAYLOAD + """
                 AS payload
                    FROM (SELECT m.*, gen_random_uuid() AS event_id, statement_timestamp() AS occurred_at FROM marked m) e),
                published AS (""" + outbox.insertRows(EventType.CATALOG_CHANGED, "events", "r.record_key, r.sequence") + """
                )
                SELECT (SELECT count(*)::int FROM marked), EXISTS (SELECT 1 FROM next)""";
    }

    private static Duration positive(Duration window, String name) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("music.catalog.notifications." + name + " must be positive, not " + window);
        }
        return window;
    }

    /**
     * Notifies the followers of a track whose revision has just been applied as AVAILABLE, in the
     * caller's transaction (the projection update of {@link CatalogService#apply}); the number of
     * notifications made (a track joining one of its album's changes none).
     *
     * <p>Set-based SQL, not entities: one release may reach a hundred thousand listeners, in one
     * {@code INSERT ... SELECT} from the subscriptions. It goes through the session's native query rather
     * than the pool of the reactive client because it must commit or roll back with the projection:
     * the pool would take another connection, and another transaction.
     */
    public Uni<Integer> release(Release release) {
        OffsetDateTime occurredAt = release.occurredAt().atOffset(ZoneOffset.UTC);
        return Panache.getSession().chain(session -> session
                .createNativeQuery("INSERT INTO track_release (track_id, released_at) VALUES (?1, ?2) ON CONFLICT (track_id) DO NOTHING")
                .setParameter(1, release.trackId()).setParameter(2, occurredAt)
                .executeUpdate()
                .chain(inserted -> inserted == 0 ? Uni.createFrom().item(0) : releaseKey(release, occurredAt)
                        .chain(key -> fanOut(release, key))));
    }

    /** The key of the notification the track joins: its album's window, or the track alone. */
    private Uni<String> releaseKey(Release release, OffsetDateTime occurredAt) {
        if (release.albumId() == null) {
            return Uni.createFrom().item(TRACK_KEY + release.trackId());
        }
        // DO UPDATE (to the same value), not DO NOTHING: it returns the album's first release and locks
        // its row until commit, so the releases of one album fan out one after the other.
        return Panache.getSession().chain(session -> session
                .createNativeQuery("INSERT INTO album_release (album_id, first_released_at) VALUES (?1, ?2)"
                        + " ON CONFLICT (album_id) DO UPDATE SET first_released_at = album_release.first_released_at"
                        + " RETURNING first_released_at", Object.class)
                .setParameter(1, release.albumId()).setParameter(2, occurredAt)
                .getSingleResult())
                .map(first -> {
                    long window = Duration.between(Timestamps.instant(first), release.occurredAt()).toMillis() / albumWindow.toMillis();
                    return "album:" + release.albumId() + ":" + window;
                });
    }

    private Uni<Integer> fanOut(Release release, String key) {
        List<Object> parameters = new ArrayList<>();
        StringBuilder candidates = new StringBuilder();
        // The order of preference when one listener matches several ways: the artists in order, then the genre.
        int order = 0;
        for (Map.Entry<UUID, String> artist : release.artists().entrySet()) {
            parameters.add(artist.getKey().toString());
            parameters.add(artist.getValue());
            candidates.append(order == 0 ? "" : ", ").append('(').append(order++).append(", 'ARTIST', ?")
                    .append(parameters.size() - 1).append(", ?").append(parameters.size()).append(')');
        }
        if (release.genre() != null && !release.genre().isBlank()) {
            parameters.add(release.genre().strip());
            candidates.append(order == 0 ? "" : ", ").append('(').append(order).append(", 'GENRE', lower(?")
                    .append(parameters.size()).append("), ?").append(parameters.size()).append(')');
        }
        if (parameters.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        parameters.add(key);
        int keyAt = parameters.size();
        parameters.add(release.trackId());
        int trackAt = parameters.size();
        parameters.add(release.title());
        int titleAt = parameters.size();
        String album = "NULL, NULL";
        if (release.albumId() != null) {
            parameters.add(release.albumId());
            parameters.add(release.albumTitle());
            album = "?" + (parameters.size() - 1) + ", ?" + parameters.size();
        }
        String recipients = """
                candidate (preference, kind, target, name) AS (VALUES %s),
                recipient AS (
                    SELECT DISTINCT ON (s.user_id) s.user_id, c.kind, c.target, c.name
                    FROM candidate c JOIN subscription s ON s.kind = c.kind AND s.target = c.target
                    ORDER BY s.user_id, c.preference)""".formatted(candidates);
        String insert = """
                INSERT INTO notification AS n (user_id, kind, release_key, matched_kind, matched_id, matched_name,
                                               album_id, album_title, track_ids, track_titles, created_at, updated_at, sequence, published)
                SELECT r.user_id, '%s', ?%d, r.kind, r.target, r.name, %s, ARRAY[?%d]::uuid[], ARRAY[?%d]::text[],
                       statement_timestamp(), statement_timestamp(), 0, false
                FROM recipient r
                ORDER BY r.user_id""".formatted(NEW_RELEASE, keyAt, album, trackAt, titleAt);
        String joining = """

                ON CONFLICT (release_key, user_id) DO UPDATE
                    SET track_ids = n.track_ids || EXCLUDED.track_ids,
                        track_titles = n.track_titles || EXCLUDED.track_titles,
                        updated_at = EXCLUDED.updated_at,
                        read_at = NULL,
                        sequence = 0,
                        published = false""";
        // A release key's first statement meets no row: a plain INSERT then, about a fifth quicker for a
        // hundred thousand rows than INSERT ... ON CONFLICT, which inserts each row speculatively. The
        // statements of one key never run at once (a track's key is its own, an album's releases take
        // turns on its album_release row), so the key cannot gain rows between the check and the insert.
        Uni<Boolean> existing = key.startsWith(TRACK_KEY) ? Uni.createFrom().item(false)
                : Panache.getSession().chain(session -> session
                        .createNativeQuery("SELECT EXISTS (SELECT 1 FROM notification WHERE release_key = ?1)", Boolean.class)
                        .setParameter(1, key)
                        .getSingleResult());
        return existing.chain(joins -> Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(notifying(recipients, joins ? insert + joining : insert, "?" + keyAt), Object.class);
            for (int i = 0; i < parameters.size(); i++) {
                query.setParameter(i + 1, parameters.get(i));
            }
            return query.getSingleResult();
        })).map(count -> ((Number) count).intValue());
    }

    /**
     * Tells the owner and the collaborators of a playlist, the one who changed it apart, that it
     * changed, in the caller's transaction (the change's): the changes of one playlist within the
     * playlist window gather in one notification per listener, which counts them and names who made
     * the last. The number of notifications made (a change joining one changes none).
     */
    public Uni<Integer> playlistChanged(UUID playlistId, String playlistName, Caller changedBy, Instant at) {
        String key = "playlist:" + playlistId + ":" + Math.floorDiv(at.toEpochMilli(), playlistWindow.toMillis());
        String sql = notifying("""
                recipient AS (
                    SELECT owner_id AS user_id FROM playlist WHERE id = ?1 AND owner_id <> ?2
                    UNION SELECT user_id FROM playlist_collaborator WHERE playlist_id = ?1 AND user_id <> ?2)""", """
                INSERT INTO notification AS n (user_id, kind, release_key, playlist_id, playlist_name, changed_by, changes,
                                               track_ids, track_titles, created_at, updated_at, sequence, published)
                SELECT r.user_id, '%s', ?3, ?1, ?4, ?5, 1, '{}', '{}', statement_timestamp(), statement_timestamp(), 0, false
                FROM recipient r
                ORDER BY r.user_id
                ON CONFLICT (release_key, user_id) DO UPDATE
                    SET changes = n.changes + 1,
                        playlist_name = EXCLUDED.playlist_name,
                        changed_by = EXCLUDED.changed_by,
                        updated_at = EXCLUDED.updated_at,
                        read_at = NULL,
                        sequence = 0,
                        published = false""".formatted(PLAYLIST_CHANGE), "?3");
        return Panache.getSession().chain(session -> session.createNativeQuery(sql, Object.class)
                        .setParameter(1, playlistId).setParameter(2, changedBy.id()).setParameter(3, key)
                        .setParameter(4, playlistName).setParameter(5, changedBy.name() == null ? changedBy.id() : changedBy.name())
                        .getSingleResult())
                .map(count -> ((Number) count).intValue());
    }

    /**
     * One statement that makes or updates the notification of every listener of {@code recipients}
     * (SQL defining a query {@code recipient} with a column {@code user_id}, one row per listener)
     * with {@code upsert} (an {@code INSERT INTO notification AS n ...} reading {@code recipient}),
     * each left unnumbered and unpublished for {@link #publishChanges}, which finds them by their release
     * key ({@code key}, the parameter holding it) in {@code notification_pending}. Its result: how many
     * notifications are new.
     *
     * <p>Only the notifications themselves are written here, set-based, because a release may reach a
     * hundred thousand listeners and this runs in the transaction of the revision that caused it: their
     * numbers and events are made afterwards, in batches ({@code bin/bench notifications} measures both).
     */
    private static String notifying(String recipients, String upsert, String key) {
        return "WITH " + recipients + """
                ,
                upserted AS (""" + upsert + """

                    RETURNING (xmax = 0) AS created),
                pending AS (INSERT INTO notification_pending (release_key)
                    SELECT release_key FROM (VALUES (""" + key + """
                )) AS statement (release_key) WHERE EXISTS (SELECT 1 FROM upserted))
                SELECT count(*) FILTER (WHERE created) FROM upserted""";
    }

    /** What one call of {@link #publishChanges} did: notifications published, and whether more may be waiting. */
    public record Published(int notifications, boolean more) {
    }

    /**
     * Numbers and publishes the notifications made or changed by the oldest statement still pending
     * ({@code notification_pending}), at most {@code batch} of them, in one transaction: each listener's
     * change takes their next number ({@code listener_stream}) and goes into the outbox as a
     * {@link CatalogChanged} for catalog-changes. Nothing is done when another replica is doing it (one
     * at a time, by an advisory lock, so that numbers and outbox order agree); {@code more} says whether
     * to call again at once.
     *
     * <p>Numbers are given here, after the notifications committed, rather than in the statement that
     * made them: only committed changes are numbered, one publisher at a time, so a listener's numbers
     * grow by one, without a gap, in the order the changes became visible; a stream that resumes after
     * number {@code n} misses nothing by reading those above (a change not yet numbered arrives live).
     */
    public Uni<Published> publishChanges(int batch) {
        return pool.withTransaction(connection -> connection.query("SELECT pg_try_advisory_xact_lock(" + PUBLISHER_LOCK + ")").execute()
                .chain(locked -> !locked.iterator().next().getBoolean(0) ? Uni.createFrom().item(new Published(0, false))
                        : connection.preparedQuery(publishing).execute(Tuple.of(batch))
                                .map(rows -> {
                                    Row row = rows.iterator().next();
                                    return new Published(row.getInteger(0), row.getBoolean(1));
                                })));
    }

    /** The advisory lock of the publisher, the same on every replica ("catalog-notifications" as a number). */
    private static final long PUBLISHER_LOCK = 0x6361745f6e6f7469L;

    /** A notification row {@code e} (with {@code event_id} and {@code occurred_at}) as a CatalogChanged of kind NOTIFICATION. */
    private static final String EVENT_PAYLOAD = """
            json_build_object('eventId', e.event_id, 'occurredAt', e.occurred_at, 'kind', 'NOTIFICATION',
                'userId', e.user_id, 'sequence', e.sequence, 'notification', json_build_object(
                    'id', e.id, 'kind', e.kind, 'createdAt', e.created_at, 'updatedAt', e.updated_at, 'read', e.read_at IS NOT NULL,
                    'matched', CASE WHEN e.matched_kind IS NULL THEN NULL
                                    ELSE json_build_object('kind', e.matched_kind, 'id', e.matched_id, 'name', e.matched_name) END,
                    'album', CASE WHEN e.album_id IS NULL THEN NULL ELSE json_build_object('id', e.album_id, 'title', e.album_title) END,
                    'tracks', (SELECT coalesce(json_agg(json_build_object('id', t.id, 'title', t.title) ORDER BY t.n), '[]'::json)
                               FROM unnest(e.track_ids, e.track_titles) WITH ORDINALITY AS t(id, title, n)),
                    'playlist', CASE WHEN e.playlist_id IS NULL THEN NULL ELSE json_build_object('id', e.playlist_id, 'name', e.playlist_name) END,
                    'changedBy', e.changed_by, 'changes', e.changes))""";

    /** The listener's notifications, newest first; {@code limit} at most. */
    public Uni<List<Notification>> list(String userId, Optional<After> after, int limit) {
        List<Object> parameters = new ArrayList<>(List.of(userId));
        String where = " WHERE user_id = $1";
        if (after.isPresent()) {
            parameters.add(after.get().createdAt().atOffset(ZoneOffset.UTC));
            parameters.add(after.get().id());
            where += " AND (created_at, id) < ($2, $3)";
        }
        parameters.add(limit);
        return pool.preparedQuery("SELECT * FROM notification" + where + " ORDER BY created_at DESC, id DESC LIMIT $"
                        + parameters.size())
                .execute(Tuple.from(parameters))
                .map(rows -> {
                    List<Notification> page = new ArrayList<>(rows.size());
                    rows.forEach(row -> page.add(notification(row)));
                    return page;
                });
    }

    /**
     * The listener's notifications changed after their number {@code sequence}, in the order of their
     * changes, {@code limit} at most: what a stream that resumes after {@code sequence} has missed. A
     * notification changed twice since then is in it once, as it stands now.
     */
    public Uni<List<Notification>> since(String userId, long sequence, int limit) {
        return pool.preparedQuery("SELECT * FROM notification WHERE user_id = $1 AND published AND sequence > $2 ORDER BY sequence LIMIT $3")
                .execute(Tuple.of(userId, sequence, limit))
                .map(rows -> {
                    List<Notification> changed = new ArrayList<>(rows.size());
                    rows.forEach(row -> changed.add(notification(row)));
                    return changed;
                });
    }

    /** The listener's number of the last change to their notifications; 0 before the first. */
    public Uni<Long> currentSequence(String userId) {
        return pool.preparedQuery("SELECT sequence FROM listener_stream WHERE user_id = $1")
                .execute(Tuple.of(userId))
                .map(rows -> rows.size() == 0 ? 0L : rows.iterator().next().getLong(0));
    }

    /** How many notifications of the listener are unread. */
    public Uni<Long> unreadCount(String userId) {
        return pool.preparedQuery("SELECT count(*) FROM notification WHERE user_id = $1 AND read_at IS NULL")
                .execute(Tuple.of(userId))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** Marks read every notification of the listener up to and including {@code upTo}, in the list's order. */
    @WithTransaction
    public Uni<ReadResult> markRead(String userId, UUID upTo) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("""
                        WITH mark AS (SELECT created_at, id FROM notification WHERE id = ?2 AND user_id = ?1),
                        marked AS (
                            UPDATE notification n SET read_at = statement_timestamp()
                            FROM mark WHERE n.user_id = ?1 AND n.read_at IS NULL AND (n.created_at, n.id) <= (mark.created_at, mark.id)
                            RETURNING 1)
                        SELECT (SELECT count(*) FROM mark), (SELECT count(*) FROM marked)""", Object[].class)
                .setParameter(1, userId).setParameter(2, upTo)
                .getSingleResult())
                .map(counts -> ((Number) counts[0]).longValue() == 0 ? ReadResult.NOT_FOUND : ReadResult.DONE);
    }

    private static Notification notification(Row row) {
        UUID[] ids = row.getArrayOfUUIDs("track_ids");
        String[] titles = row.getArrayOfStrings("track_titles");
        List<NotifiedTrack> tracks = new ArrayList<>(ids.length);
        for (int i = 0; i < ids.length; i++) {
            tracks.add(new NotifiedTrack(ids[i], titles[i]));
        }
        String matchedKind = row.getString("matched_kind");
        return new Notification(row.getUUID("id"), row.getString("kind"), row.getLong("sequence"),
                row.getOffsetDateTime("created_at").toInstant(), row.getOffsetDateTime("updated_at").toInstant(),
                row.getOffsetDateTime("read_at") != null,
                matchedKind == null ? null : SubscriptionService.Kind.valueOf(matchedKind), row.getString("matched_id"),
                row.getString("matched_name"), row.getUUID("album_id"), row.getString("album_title"), tracks,
                row.getUUID("playlist_id"), row.getString("playlist_name"), row.getString("changed_by"), row.getInteger("changes"));
    }
}
