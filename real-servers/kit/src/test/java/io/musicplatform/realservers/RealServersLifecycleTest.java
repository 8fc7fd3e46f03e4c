package io.musicplatform.realservers;

import io.musicplatform.events.TopicSpec;
import io.musicplatform.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How the kit behaves around its servers' lives: two starters, a killed starter, a crash that left
 * processes and a data directory behind, a database killed mid-flight, a server that cannot start.
 */
class RealServersLifecycleTest {

    private static final Path ROOT = Path.of("target", "lifecycle").toAbsolutePath();

    private final PlatformCommands platforms = new PlatformCommands();

    @AfterEach
    void stopStarters() throws InterruptedException {
        platforms.close();
    }

    @Test
    void aSecondStarterIsToldWhoRunsTheServersAndWhatToDo() throws Exception {
        Path directory = ROOT.resolve("twice-" + UUID.randomUUID());
        Process first = startPlatform(directory, "s3");

        Path output = directory.resolve("second.out");
        Process second = platforms.start(directory, output, "up", "--only", "s3", "--free-ports");

        assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(second.exitValue()).isEqualTo(1);
        assertThat(Files.readString(output))
                .contains("already running, started by process " + first.pid())
                .contains("bin/platform down");
        assertThat(first.isAlive()).isTrue();
    }

    @Test
    void aSecondOpenInTheSameJvmIsRefusedToo() {
        Path directory = ROOT.resolve("same-jvm-" + UUID.randomUUID());
        try (RealServers first = RealServers.open(directory, PortPlan.free())) {
            assertThatThrownBy(() -> RealServers.open(directory, PortPlan.free()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already running, started by process " + ProcessHandle.current().pid());
        }
        RealServers.open(directory, PortPlan.free()).close();
    }

    @Test
    void everyServerStopsByItselfWhenItsStarterIsKilled() throws Exception {
        Path directory = ROOT.resolve("orphans-" + UUID.randomUUID());
        Process starter = startPlatform(directory, "kafka,postgres,opensearch,s3,keycloak");
        List<ProcessHandle> servers = new ArrayList<>();
        for (ServerKind kind : ServerKind.values()) {
            ProcessHandle server = StaleProcesses.recordedProcess(directory.resolve(kind.label()).resolve(ServerProcess.PID_FILE))
                    .orElseThrow(() -> new AssertionError(kind + " is not running"));
            servers.add(server);
            servers.addAll(server.descendants().toList());
        }
        ProcessHandle postmaster = postmaster(directory);
        servers.add(postmaster);

        starter.destroyForcibly().waitFor();

        for (ProcessHandle server : servers) {
            assertThat(server.onExit().get(90, TimeUnit.SECONDS).isAlive())
                    .as("%s", server.info().commandLine().orElse(String.valueOf(server.pid()))).isFalse();
        }
    }

    @Test
    void upCreatesEveryDeclaredTopicWithItsSettings() throws Exception {
        Path directory = ROOT.resolve("topics-" + UUID.randomUUID());
        startPlatform(directory, "kafka");
        String bootstrap = Files.readString(directory.resolve(PlatformCommand.ADDRESSES_FILE))
                .replaceAll("(?s).*bootstrap servers: (127\\.0\\.0\\.1:\\d+).*", "$1");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS))
                    .containsAll(Topics.all().stream().map(TopicSpec::name).toList());
            ConfigResource ingested = new ConfigResource(ConfigResource.Type.TOPIC, Topics.TRACK_INGESTED);
            assertThat(admin.describeConfigs(List.of(ingested)).all().get(30, TimeUnit.SECONDS).get(ingested)
                    .get("cleanup.policy").value()).isEqualTo("compact");
        }
        assertThat(PlatformCommands.read(directory.resolve("platform.out"))).contains("created  track-played: 6 partitions, cleanup.policy=delete");
    }

    @Test
    void downStopsARunningPlatform() throws Exception {
        Path directory = ROOT.resolve("down-" + UUID.randomUUID());
        Process starter = startPlatform(directory, "s3");
        ProcessHandle s3 = StaleProcesses.recordedProcess(directory.resolve("s3").resolve(ServerProcess.PID_FILE)).orElseThrow();

        List<String> stopped = RealServers.down(directory);

        assertThat(stopped).containsExactly(starter.pid() + " (the platform command)");
        assertThat(starter.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(s3.isAlive()).isFalse();
        assertThat(RealServers.owner(directory)).isEmpty();
    }

    @Test
    void downCleansUpAfterEverythingWasKilledAndTheDataSurvives() throws Exception {
        Path directory = ROOT.resolve("crash-" + UUID.randomUUID());
        Process starter = startPlatform(directory, "postgres");
        insertPlays(jdbcUrl(directory), 1000);

        // A crash of both JVMs, the server's first so that nothing is left to stop the PostgreSQL it started.
        ProcessHandle serverJvm = StaleProcesses.recordedProcess(
                directory.resolve("postgres").resolve(ServerProcess.PID_FILE)).orElseThrow();
        ProcessHandle postmaster = postmaster(directory);
        serverJvm.destroyForcibly();
        serverJvm.onExit().get(30, TimeUnit.SECONDS);
        starter.destroyForcibly().waitFor();
        assertThat(postmaster.isAlive()).isTrue();

        List<String> stopped = RealServers.down(directory);

        assertThat(stopped).anySatisfy(line -> assertThat(line).startsWith(postmaster.pid() + " "));
        assertThat(postmaster.onExit().get(30, TimeUnit.SECONDS).isAlive()).isFalse();
        assertThat(countPlaysAfterRestart(directory)).isEqualTo(1000);
    }

    @Test
    void committedRowsSurviveADatabaseKilledMidFlight() throws Exception {
        Path directory = ROOT.resolve("kill-postgres-" + UUID.randomUUID());
        try (RealServers servers = RealServers.open(directory, PortPlan.free())) {
            servers.start(Set.of(ServerKind.POSTGRES));
            insertPlays(servers.postgres().jdbcUrl(), 5000);
            ProcessHandle postmaster = postmaster(directory);

            postmaster.destroyForcibly();
            postmaster.onExit().get(30, TimeUnit.SECONDS);
        }
        // Crash recovery replays the write-ahead log: every committed row is back.
        assertThat(countPlaysAfterRestart(directory)).isEqualTo(5000);
    }

    @Test
    void aServerThatCannotStartFailsWithTheLastLinesOfItsLog() throws IOException {
        Path directory = directoryWherePostgresCannotStart("broken-");
        try (RealServers servers = RealServers.open(directory, PortPlan.free())) {
            assertThatThrownBy(() -> servers.start(Set.of(ServerKind.POSTGRES)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("postgres exited with code")
                    .hasMessageContaining("Last lines of " + directory.resolve("postgres").resolve("server.log"))
                    .hasMessageContaining("PostgresMain");
        }
    }

    @Test
    void oneServerThatCannotStartStopsTheOthersStartingWithIt() throws IOException {
        Path directory = directoryWherePostgresCannotStart("broken-with-others-");
        try (RealServers servers = RealServers.open(directory, PortPlan.free())) {
            assertThatThrownBy(() -> servers.start(EnumSet.of(ServerKind.POSTGRES, ServerKind.KEYCLOAK)))
                    .hasMessageContaining("postgres exited with code");
            assertThat(servers.running()).isEmpty();
        }
        // PostgreSQL fails within seconds, Keycloak needs tens of them: it was given up, not waited for.
        Path keycloak = directory.resolve("keycloak");
        assertThat(StaleProcesses.recordedProcess(keycloak.resolve(ServerProcess.PID_FILE))).isEmpty();
        assertThat(Files.readString(keycloak.resolve("server.log"))).doesNotContain("started in");
    }

    @Test
    void aTakenPortIsNamedWithTheSettingThatMovesIt() throws IOException {
        try (var taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            PortPlan plan = PortPlan.fixed(Map.of("kafka", taken.getLocalPort()));
            assertThatThrownBy(() -> plan.port("kafka"))
                    .hasMessageContaining("Port " + taken.getLocalPort() + " for kafka is already in use")
                    .hasMessageContaining("MUSIC_KAFKA_PORT");
        }
    }

    /** A run directory whose PostgreSQL data directory is a plain file: the server exits at once. */
    private static Path directoryWherePostgresCannotStart(String prefix) throws IOException {
        Path directory = ROOT.resolve(prefix + UUID.randomUUID());
        Files.createDirectories(directory.resolve("postgres"));
        Files.writeString(directory.resolve("postgres").resolve("data"), "a file where the data directory should be");
        return directory;
    }

    private static void insertPlays(String jdbcUrl, int rows) throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, PostgresServer.USER, PostgresServer.PASSWORD);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE plays (id int PRIMARY KEY)");
            statement.execute("INSERT INTO plays SELECT generate_series(1, " + rows + ")");
        }
    }

    /** Starts PostgreSQL again on the directory a crash left behind and counts the rows. */
    private static long countPlaysAfterRestart(Path directory) throws Exception {
        try (RealServers again = RealServers.open(directory, PortPlan.free())) {
            again.start(EnumSet.of(ServerKind.POSTGRES));
            try (Connection connection = DriverManager.getConnection(again.postgres().jdbcUrl(),
                    PostgresServer.USER, PostgresServer.PASSWORD);
                 Statement statement = connection.createStatement();
                 ResultSet count = statement.executeQuery("SELECT count(*) FROM plays")) {
                count.next();
                return count.getLong(1);
            }
        }
    }

    private static ProcessHandle postmaster(Path directory) {
        return StaleProcesses.recordedProcess(directory.resolve("postgres").resolve("data").resolve("postmaster.pid"))
                .orElseThrow(() -> new AssertionError("no PostgreSQL server runs in " + directory));
    }

    private static String jdbcUrl(Path directory) throws IOException {
        String port = Files.readString(directory.resolve(PlatformCommand.ADDRESSES_FILE))
                .replaceAll("(?s).*127\\.0\\.0\\.1:(\\d+)/music.*", "$1");
        return "jdbc:postgresql://127.0.0.1:" + port + "/music";
    }

    /** Runs the platform command with these servers (and no service) on free ports, and waits until it is ready. */
    private Process startPlatform(Path directory, String servers) throws Exception {
        return platforms.up(directory, "--only", servers, "--free-ports");
    }
}
