package io.musicplatform.catalog.service;

import io.musicplatform.catalog.config.CatalogConfig;
import io.musicplatform.catalog.entity.Playlist;
import io.musicplatform.events.CatalogChanged;
import io.musicplatform.events.PlaylistChange;
import io.musicplatform.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
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
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Every change to a playlist, by the version it made: what a listener's stream replays after a
 * reconnect. Versions grow by one under the playlist's row lock, so they commit in order and a
 * stream that resumes after version {@code v} misses nothing by reading the rows above {@code v}.
 * Each change also goes out on catalog-changes (through the outbox, in the change's transaction) for
 * the streams of every replica, and the edits of the playlist's tracks and name notify its other
 * members. Knows nothing of Kafka or HTTP.
 */
@ApplicationScoped
public class PlaylistChangeLog {

    /** What a change was, in the words of {@link PlaylistChange#change()}. */
    public static final String ADD = "add", REMOVE = "remove", MOVE = "move", UPDATE = "update", JOIN = "join",
            LEAVE = "leave", DELETE = "delete";

    /** The changes that notify the playlist's other members; joining, leaving and deleting only reach streams. */
    private static final Set<String> NOTIFYING = Set.of(ADD, REMOVE, MOVE, UPDATE);

    /**
     * One change, as its caller knows it.
     *
     * @param change   one of the constants above
     * @param entryIds add: the new entries; remove and move: the entry
     * @param trackIds add and remove: their tracks
     * @param index    add and move: where the first entry now is
     */
    public record Edit(String change, List<UUID> entryIds, List<UUID> trackIds, Integer index) {

        public static Edit of(String change) {
            return new Edit(change, List.of(), List.of(), null);
        }
    }

    private final Pool pool;
    private final Outbox outbox;
    private final NotificationService notifications;
    private final Duration retention;

    public PlaylistChangeLog(Pool pool, Outbox outbox, NotificationService notifications, CatalogConfig config) {
        this.pool = pool;
        this.outbox = outbox;
        this.notifications = notifications;
        this.retention = config.playlists().changeRetention();
    }

    /**
     * Records {@code edit} of {@code playlist} by {@code by}, in the caller's transaction, once the
     * playlist's version has moved on to the one the change makes: its row here, its event, and for the
     * edits of its tracks and name a notification to each other member.
     */
    public Uni<Void> record(Playlist playlist, Caller by, Edit edit) {
        Instant at = Instant.now();
        PlaylistChange change = new PlaylistChange(playlist.version, edit.change(), by.id(), by.name(), edit.entryIds(),
                edit.trackIds(), edit.index(), edit.change().equals(UPDATE) ? playlist.name : null);
        return Panache.getSession().chain(session -> session
                        .createNativeQuery("INSERT INTO playlist_change (playlist_id, version, change, by_user_id, by_name, entry_ids, track_ids,"
                                + " entry_index, name, changed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)")
                        .setParameter(1, playlist.id).setParameter(2, change.version()).setParameter(3, change.change())
                        .setParameter(4, change.byUserId()).setParameter(5, change.byName())
                        .setParameter(6, change.entryIds().toArray(UUID[]::new)).setParameter(7, change.trackIds().toArray(UUID[]::new))
                        .setParameter(8, change.index()).setParameter(9, change.name())
                        .setParameter(10, OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                        .executeUpdate())
                .chain(() -> outbox.append(CatalogChanged.playlistChanged(UUID.randomUUID(), at, playlist.id.toString(), change)))
                .chain(() -> NOTIFYING.contains(edit.change())
                        ? notifications.playlistChanged(playlist.id, playlist.name, by, at).replaceWithVoid()
                        : Uni.createFrom().voidItem());
    }

    /**
     * Announces that {@code playlist} is being deleted, in the deletion's transaction: its streams learn
     * it is gone. Nothing is kept here (its rows go with it).
     */
    public Uni<Void> deleted(Playlist playlist, Caller by) {
        PlaylistChange change = new PlaylistChange(playlist.version + 1, DELETE, by.id(), by.name(), List.of(), List.of(), null, null);
        return outbox.append(CatalogChanged.playlistChanged(UUID.randomUUID(), Instant.now(), playlist.id.toString(), change));
    }

    /** Deletes the changes older than the retention; streams asked to resume from before them read the playlist again. */
    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> removeOldChanges() {
        return pool.preparedQuery("DELETE FROM playlist_change WHERE changed_at < $1")
                .execute(Tuple.of(OffsetDateTime.now(ZoneOffset.UTC).minus(retention)))
                .replaceWithVoid();
    }

    /**
     * The changes to the playlist after {@code version}, oldest first, {@code limit} at most. The first
     * is version {@code version + 1} unless the retention has deleted it (or there is none yet).
     */
    public Uni<List<PlaylistChange>> since(UUID playlistId, long version, int limit) {
        return pool.preparedQuery("SELECT * FROM playlist_change WHERE playlist_id = $1 AND version > $2 ORDER BY version LIMIT $3")
                .execute(Tuple.of(playlistId, version, limit))
                .map(rows -> {
                    List<PlaylistChange> changes = new ArrayList<>(rows.size());
                    rows.forEach(row -> changes.add(change(row)));
                    return changes;
                });
    }

    private static PlaylistChange change(Row row) {
        return new PlaylistChange(row.getLong("version"), row.getString("change"), row.getString("by_user_id"),
                row.getString("by_name"), Arrays.asList(row.getArrayOfUUIDs("entry_ids")),
                Arrays.asList(row.getArrayOfUUIDs("track_ids")), row.getInteger("entry_index"), row.getString("name"));
    }
}
