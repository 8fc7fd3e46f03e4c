package io.musicplatform.servicetesting;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks that a service's Flyway created its own schema and recorded its migrations there. */
public final class SchemaOwnership {

    private SchemaOwnership() {
    }

    public static void assertMigratedByFlyway(DataSource dataSource, String schema) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement migrations = connection.prepareStatement(
                     "SELECT count(*) FROM information_schema.tables WHERE table_schema = ? AND table_name = 'flyway_schema_history'")) {
            migrations.setString(1, schema);
            try (ResultSet rows = migrations.executeQuery()) {
                rows.next();
                assertThat(rows.getInt(1)).as("Flyway's history table in schema %s", schema).isEqualTo(1);
            }
            try (ResultSet rows = connection.createStatement().executeQuery(
                    "SELECT count(*) FROM \"" + schema + "\".flyway_schema_history WHERE NOT success")) {
                rows.next();
                assertThat(rows.getInt(1)).as("failed migrations in schema %s", schema).isZero();
            }
        }
    }
}
