package io.musicplatform.servicetesting;

import io.agroal.api.AgroalDataSource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operational contract of a service that keeps its state in PostgreSQL: ready only when both
 * Kafka and its database answer (through JDBC for Flyway and the reactive client for requests), and
 * owner of exactly one schema, which its own Flyway created and migrated.
 */
public abstract class PostgresServiceContract extends OperationalEndpointsContract {

    @Inject
    AgroalDataSource dataSource;

    /** The schema the service owns. */
    protected abstract String schema();

    /** Tables that shared modules add to the service's schema, such as the outbox's {@code outbox}. */
    protected List<String> sharedTables() {
        return List.of();
    }

    @Override
    protected List<String> readinessChecks() {
        return List.of("Kafka topics", "Database connections health check",
                "Reactive PostgreSQL connections health check");
    }

    @Test
    void ownsItsSchemaThroughFlyway() throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement history = connection.prepareStatement(
                     "SELECT count(*) FROM information_schema.tables WHERE table_schema = ? AND table_name = 'flyway_schema_history'")) {
            history.setString(1, schema());
            try (ResultSet rows = history.executeQuery()) {
                rows.next();
                assertThat(rows.getInt(1)).as("Flyway's history table in schema %s", schema()).isEqualTo(1);
            }
            try (Statement statement = connection.createStatement();
                 ResultSet failed = statement.executeQuery(
                         "SELECT count(*) FROM \"" + schema() + "\".flyway_schema_history WHERE NOT success")) {
                failed.next();
                assertThat(failed.getInt(1)).as("failed migrations in schema %s", schema()).isZero();
            }
            for (String table : sharedTables()) {
                try (PreparedStatement shared = connection.prepareStatement(
                        "SELECT count(*) FROM information_schema.tables WHERE table_schema = ? AND table_name = ?")) {
                    shared.setString(1, schema());
                    shared.setString(2, table);
                    try (ResultSet rows = shared.executeQuery()) {
                        rows.next();
                        assertThat(rows.getInt(1)).as("table %s in schema %s, migrated from its module's jar", table, schema())
                                .isEqualTo(1);
                    }
                }
            }
        }
    }
}
