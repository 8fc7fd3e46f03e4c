package io.musicplatform.stats;

import io.musicplatform.events.Topics;
import io.musicplatform.realservers.PostgresServer;
import io.musicplatform.realservers.RealServers;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Reads a stats schema of the kit's PostgreSQL from a test of the packaged service. */
public final class StatsStore {

    private final RealServers servers;
    private final String schema;

    public StatsStore(RealServers servers, String schema) {
        this.servers = servers;
        this.schema = schema;
    }

    /** Whether the consumer's stored offsets have reached the end of every partition of track-played. */
    public boolean caughtUp() throws Exception {
        Map<Integer, Long> stored = map("SELECT partition::text, next_offset FROM " + schema
                + ".consumer_offset WHERE topic = 'track-played'").entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(e -> Integer.parseInt(e.getKey()), Map.Entry::getValue));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafka().bootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < Topics.spec(Topics.TRACK_PLAYED).partitions(); p++) {
                latest.put(new TopicPartition(Topics.TRACK_PLAYED, p), OffsetSpec.latest());
            }
            var ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
            return ends.entrySet().stream().allMatch(e -> e.getValue().offset() == 0
                    || stored.getOrDefault(e.getKey().partition(), 0L) >= e.getValue().offset());
        }
    }

    /** The next offsets stored, summed over partitions: how far the consumer has committed. */
    public long committed() throws Exception {
        return number("SELECT coalesce(sum(next_offset), 0) FROM " + schema + ".consumer_offset");
    }

    public long number(String sql, Object... parameters) throws Exception {
        try (Connection db = connect(); PreparedStatement statement = prepare(db, sql, parameters); ResultSet rows = statement.executeQuery()) {
            return rows.next() ? rows.getLong(1) : 0;
        }
    }

    /** Two columns, a text key and a number, as a map. */
    public Map<String, Long> map(String sql, Object... parameters) throws Exception {
        Map<String, Long> found = new HashMap<>();
        try (Connection db = connect(); PreparedStatement statement = prepare(db, sql, parameters); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                found.put(rows.getString(1), rows.getLong(2));
            }
        }
        return found;
    }

    public Map<LocalDate, Long> days(LocalDate from, LocalDate to) throws Exception {
        Map<LocalDate, Long> found = new HashMap<>();
        map("SELECT day::text, plays FROM " + schema + ".daily_plays WHERE day BETWEEN ?::date AND ?::date", from.toString(), to.toString())
                .forEach((day, plays) -> found.put(LocalDate.parse(day), plays));
        return found;
    }

    public void execute(String sql) throws Exception {
        try (Connection db = connect(); var statement = db.createStatement()) {
            statement.execute(sql);
        }
    }

    private PreparedStatement prepare(Connection db, String sql, Object... parameters) throws Exception {
        PreparedStatement statement = db.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            if (parameters[i] instanceof List<?> list) {
                Array array = db.createArrayOf("text", list.toArray());
                statement.setArray(i + 1, array);
            } else {
                statement.setObject(i + 1, parameters[i]);
            }
        }
        return statement;
    }

    private Connection connect() throws Exception {
        return DriverManager.getConnection(servers.postgres().jdbcUrl(), PostgresServer.USER, PostgresServer.PASSWORD);
    }
}
