package io.musicplatform.catalog.service;

import io.musicplatform.events.PlaylistChange;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Every change to a playlist, by the version it made: what a listener's stream replays after a
 * reconnect. Versions grow by one under the playlist's row lock, so they commit in order and a
 * stream that resumes after version {@code v} misses nothing by reading the rows above {@code v}.
 * Knows nothing of Kafka or HTTP.
 */
@ApplicationScoped
public class PlaylistChangeLog {

    private final Pool pool;

    public PlaylistChangeLog(Pool pool) {
        this.pool = pool;
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
