package io.musicplatform.realservers;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How the kit behaves around its servers' lives: two starters, a killed starter, a crash that left
 * processes and a data directory behind, a server that cannot start.
 */
class RealServersLifecycleTest {

    private static final Path ROOT = Path.of("target", "lifecycle").toAbsolutePath();

    @Test
    void aSecondStarterOfTheSameDirectoryIsToldWhatToDo() {
        Path directory = ROOT.resolve("twice-" + UUID.randomUUID());
        try (RealServers first = RealServers.open(directory, PortPlan.free())) {
            assertThatThrownBy(() -> RealServers.open(directory, PortPlan.free()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already running")
                    .hasMessageContaining("process " + ProcessHandle.current().pid())
                    .hasMessageContaining("bin/platform down");
        }
        RealServers.open(directory, PortPlan.free()).close();
    }

    @Test
    void serversStopByThemselvesWhenTheirStarterIsKilled() throws Exception {
        Path directory = ROOT.resolve("orphan-" + UUID.randomUUID());
        Process starter = startPlatform(directory, "s3");
        ProcessHandle server = recorded(directory.resolve("s3").resolve(ServerProcess.PID_FILE)).orElseThrow();

        starter.destroyForcibly().waitFor();

        assertThat(server.onExit().get(60, TimeUnit.SECONDS).isAlive()).isFalse();
    }

    @Test
    void downCleansUpAfterEverythingWasKilledAndTheDataSurvives() throws Exception {
        Path directory = ROOT.resolve("crash-" + UUID.randomUUID());
        Process starter = startPlatform(directory, "postgres");
        Path postgres = directory.resolve("postgres");
        int port = Integer.parseInt(Files.readString(directory.resolve(PlatformCommand.ADDRESSES_FILE))
                .replaceAll("(?s).*127\\.0\\.0\\.1:(\\d+)/music.*", "$1"));
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/music",
                PostgresServer.USER, PostgresServer.PASSWORD);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE plays (id int PRIMARY KEY)");
            statement.execute("INSERT INTO plays SELECT generate_series(1, 1000)");
        }

        // A crash of both JVMs: nothing is left to stop the PostgreSQL server they started.
        ProcessHandle serverJvm = recorded(postgres.resolve(ServerProcess.PID_FILE)).orElseThrow();
        ProcessHandle postmaster = recorded(postgres.resolve("data").resolve("postmaster.pid")).orElseThrow();
        starter.destroyForcibly().waitFor();
        serverJvm.destroyForcibly();
        serverJvm.onExit().get(30, TimeUnit.SECONDS);
        assertThat(postmaster.isAlive()).isTrue();

        List<String> stopped = RealServers.down(directory);

        assertThat(stopped).anySatisfy(line -> assertThat(line).startsWith(postmaster.pid() + " "));
        assertThat(postmaster.onExit().get(30, TimeUnit.SECONDS).isAlive()).isFalse();

        // The data directory the crash left behind starts again, with every committed row.
        try (RealServers again = RealServers.open(directory, PortPlan.free())) {
            again.start(Set.of(ServerKind.POSTGRES));
            try (Connection connection = DriverManager.getConnection(again.postgres().jdbcUrl(),
                    PostgresServer.USER, PostgresServer.PASSWORD);
                 Statement statement = connection.createStatement();
                 ResultSet count = statement.executeQuery("SELECT count(*) FROM plays")) {
                count.next();
                assertThat(count.getLong(1)).isEqualTo(1000);
            }
        }
    }

    @Test
    void aServerThatCannotStartFailsWithTheLastLinesOfItsLog() throws IOException {
        Path directory = ROOT.resolve("broken-" + UUID.randomUUID());
        Files.createDirectories(directory.resolve("postgres"));
        Files.writeString(directory.resolve("postgres").resolve("data"), "a file where the data directory should be");
        try (RealServers servers = RealServers.open(directory, PortPlan.free())) {
            assertThatThrownBy(() -> servers.start(Set.of(ServerKind.POSTGRES)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("postgres exited with code")
                    .hasMessageContaining("Last lines of " + directory.resolve("postgres").resolve("server.log"))
                    .hasMessageContaining("PostgresMain");
        }
    }

    @Test
    void aTakenPortIsNamedWithTheSettingThatMovesIt() throws IOException {
        try (var taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            PortPlan plan = PortPlan.fixed(java.util.Map.of("kafka", taken.getLocalPort()));
            assertThatThrownBy(() -> plan.port("kafka"))
                    .hasMessageContaining("Port " + taken.getLocalPort() + " for kafka is already in use")
                    .hasMessageContaining("MUSIC_KAFKA_PORT");
        }
    }

    /** Runs the platform command in a JVM of its own, as bin/platform does, and waits until it is ready. */
    private static Process startPlatform(Path directory, String servers) throws Exception {
        Files.createDirectories(directory);
        Path output = directory.resolve("platform.out");
        Process starter = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), PlatformCommand.class.getName(),
                "up", "--dir", directory.toString(), "--only", servers, "--free-ports")
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!Files.readString(output).contains("servers ready in")) {
            assertThat(starter.isAlive()).as(() -> "the platform command exited: " + read(output)).isTrue();
            assertThat(System.nanoTime()).as(() -> "the platform command is not ready: " + read(output)).isLessThan(deadline);
            Thread.sleep(100);
        }
        return starter;
    }

    private static Optional<ProcessHandle> recorded(Path pidFile) {
        return StaleProcesses.recordedProcess(pidFile);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
