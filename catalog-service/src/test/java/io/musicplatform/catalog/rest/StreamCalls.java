package io.musicplatform.catalog.rest;

import io.agroal.api.AgroalDataSource;
import io.restassured.RestAssured;

import java.net.URI;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;

/** The stream as the tests open it, and what they read beside it: positions in the database, the gauges. */
final class StreamCalls {

    static final String PATH = "/api/catalog/me/stream";

    private StreamCalls() {
    }

    /** The stream's address watching {@code playlists}, in that order. */
    static URI uri(List<String> playlists) {
        StringBuilder query = new StringBuilder();
        for (String playlist : playlists) {
            query.append(query.isEmpty() ? "?" : "&").append("playlist=").append(playlist);
        }
        return URI.create("http://localhost:" + RestAssured.port + PATH + query);
    }

    static SseClient open(String token, List<String> playlists) {
        return SseClient.open(uri(playlists), token, null);
    }

    static SseClient resume(String token, List<String> playlists, String lastEventId) {
        return SseClient.open(uri(playlists), token, lastEventId);
    }

    /** The listener's notification sequence as the database holds it: 0 before their first change. */
    static long sequence(AgroalDataSource database, String userId) throws SQLException {
        try (Connection connection = database.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT sequence FROM catalog.listener_stream WHERE user_id = ?")) {
            select.setString(1, userId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getLong(1) : 0;
            }
        }
    }

    static long unreadCount(String token) {
        return given().auth().oauth2(token).get("/api/catalog/me/notifications").then().statusCode(200)
                .extract().<Number>path("unreadCount").longValue();
    }

    static int execute(AgroalDataSource database, String sql, Object... parameters) throws SQLException {
        try (Connection connection = database.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
    }

    /**
     * What the producing side's publisher does for one notification change, without its event: the
     * listener's next number under their row's lock, and a published notification carrying it. A stream
     * learns of it only from the database.
     */
    static long notificationWithoutEvent(AgroalDataSource database, String userId, String title) throws SQLException {
        try (Connection connection = database.getConnection()) {
            connection.setAutoCommit(false);
            long sequence;
            try (PreparedStatement next = connection.prepareStatement("INSERT INTO catalog.listener_stream (user_id, sequence)"
                    + " VALUES (?, 1) ON CONFLICT (user_id) DO UPDATE SET sequence = listener_stream.sequence + 1 RETURNING sequence")) {
                next.setString(1, userId);
                try (ResultSet row = next.executeQuery()) {
                    row.next();
                    sequence = row.getLong(1);
                }
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO catalog.notification (user_id, kind, release_key,"
                    + " matched_kind, matched_id, matched_name, track_ids, track_titles, created_at, updated_at, sequence, published)"
                    + " VALUES (?, 'new-release', ?, 'GENRE', 'test-gap', 'Test gap', ARRAY[?]::uuid[], ARRAY[?]::text[], now(), now(), ?, true)")) {
                insert.setString(1, userId);
                insert.setString(2, "track:" + UUID.randomUUID());
                insert.setObject(3, UUID.randomUUID());
                insert.setString(4, title);
                insert.setLong(5, sequence);
                insert.executeUpdate();
            }
            connection.commit();
            return sequence;
        }
    }

    /** A gauge or counter of the service's Prometheus page; 0 when it is not there. */
    static double metric(URL metrics, String name, String labels) {
        String page = given().accept("text/plain").get(metrics).then().statusCode(200).extract().asString();
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{?([^}\\s]*)}? (\\S+)$").matcher(page);
        while (line.find()) {
            if (line.group(1).contains(labels)) {
                return Double.parseDouble(line.group(2));
            }
        }
        return 0;
    }
}
