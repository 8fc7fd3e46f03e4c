package io.musicplatform.benchmarks.stats;

import io.musicplatform.events.TrackPlayed;
import io.musicplatform.realservers.PostgresServer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * stats-service's schema as the benchmark reads it: how far the consumer has committed, and the
 * counters to compare with what was produced. Straight SQL, not the API: the final check reads every
 * track, listener and day at once, and the commit progress is polled ten times a second.
 *
 * <p>It also measures the history's own write rate: the service's history statement alone, batch by
 * batch, each batch committed, into a table of the same shape in a scratch schema.
 */
final class StatsDatabase implements AutoCloseable {

    private static final String SCRATCH = "history_write_bench";

    private final String schema;
    private final Connection connection;

    StatsDatabase(PostgresServer postgres, String schema) throws SQLException {
        this.schema = schema;
        this.connection = DriverManager.getConnection(postgres.jdbcUrl(), PostgresServer.USER, PostgresServer.PASSWORD);
    }

    /** The next offsets stored with the counts, summed over the partitions of {@code topic}: records the consumer has committed. */
    long committed(String topic) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT coalesce(sum(next_offset), 0) FROM " + schema + ".consumer_offset WHERE topic = ?")) {
            statement.setString(1, topic);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getLong(1) : 0;
            }
        }
    }

    long number(String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql.replace("{schema}", schema))) {
            return rows.next() ? rows.getLong(1) : 0;
        }
    }

    /** Two columns, a key and a count, as a map; {@code key} turns the first column's text into the key. */
    <K> Map<K, Long> counts(String sql, Function<String, K> key) throws SQLException {
        Map<K, Long> found = new HashMap<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql.replace("{schema}", schema))) {
            while (rows.next()) {
                found.put(key.apply(rows.getString(1)), rows.getLong(2));
            }
        }
        return found;
    }

    /** Bytes on disk of {@code table} (its monthly partitions included), indexes and TOAST included. */
    long size(String table) throws SQLException {
        return number("SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname = '{schema}' AND c.relkind = 'r' AND (c.relname = '" + table + "' OR c.relname LIKE '" + table + "\\_y%')");
    }

    /**
     * Rows per second that the history table takes on its own: {@code plays} written with the service's
     * history statement ({@code INSERT ... SELECT FROM unnest(arrays)}), {@code batchSize} rows per
     * committed transaction, into a fresh table with the history's columns and primary key (one month's
     * partition, which is what a batch of live plays writes into).
     */
    double historyWriteRate(List<TrackPlayed> plays, int batchSize) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + SCRATCH + " CASCADE");
            statement.execute("CREATE SCHEMA " + SCRATCH);
            statement.execute("CREATE TABLE " + SCRATCH + ".listening_history (LIKE " + schema
                    + ".listening_history INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)");
        }
        String insert = "INSERT INTO " + SCRATCH + """
                .listening_history (user_id, played_at, event_id, track_id, artist, genre, duration_ms, platform, device, country)
                SELECT * FROM unnest(?::text[], ?::timestamptz[], ?::uuid[], ?::text[], ?::text[], ?::text[],
                                     ?::bigint[], ?::text[], ?::text[], ?::text[])""";
        long begin = System.nanoTime();
        try (PreparedStatement statement = connection.prepareStatement(insert)) {
            for (int from = 0; from < plays.size(); from += batchSize) {
                List<TrackPlayed> batch = plays.subList(from, Math.min(plays.size(), from + batchSize));
                statement.setArray(1, connection.createArrayOf("text", column(batch, TrackPlayed::userId)));
                statement.setArray(2, connection.createArrayOf("text", column(batch, p -> p.occurredAt().atOffset(ZoneOffset.UTC).toString())));
                statement.setArray(3, connection.createArrayOf("text", column(batch, p -> p.eventId().toString())));
                statement.setArray(4, connection.createArrayOf("text", column(batch, TrackPlayed::trackId)));
                statement.setArray(5, connection.createArrayOf("text", column(batch, p -> p.track().artist())));
                statement.setArray(6, connection.createArrayOf("text", column(batch, p -> p.track().genre())));
                statement.setArray(7, connection.createArrayOf("text", column(batch, p -> Long.toString(p.track().durationMs()))));
                statement.setArray(8, connection.createArrayOf("text", column(batch, p -> p.context().platform())));
                statement.setArray(9, connection.createArrayOf("text", column(batch, p -> p.context().device())));
                statement.setArray(10, connection.createArrayOf("text", column(batch, p -> p.context().country())));
                statement.executeUpdate(); // auto-commit: one durable commit per batch, as the service's transaction
            }
        }
        double rate = plays.size() / ((System.nanoTime() - begin) / 1e9);
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA " + SCRATCH + " CASCADE");
        }
        return rate;
    }

    private static String[] column(List<TrackPlayed> plays, Function<TrackPlayed, String> value) {
        String[] column = new String[plays.size()];
        for (int i = 0; i < column.length; i++) {
            column[i] = value.apply(plays.get(i));
        }
        return column;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
