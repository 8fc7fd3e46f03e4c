package io.musicplatform.stats;

import io.musicplatform.events.TopicCreator;
import io.musicplatform.events.Topics;
import io.musicplatform.realservers.RealServers;
import io.musicplatform.realservers.RealServersTestResource;
import io.musicplatform.realservers.ServerKind;
import io.musicplatform.realservers.SharedRealServers;
import io.musicplatform.servicetesting.LaunchedService;
import io.musicplatform.servicetesting.ServiceLauncher;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged stats-service as a process of its own, on the real Kafka and PostgreSQL: it survives
 * a kill -9 and comes back on the same ports, it stops gracefully, and it never outlives the test
 * JVM that launched it. No Keycloak: the service needs none to become ready.
 */
class ServiceLauncherIT {

    private static final Set<ServerKind> STORES = Set.of(ServerKind.KAFKA, ServerKind.POSTGRES);
    private static final Duration READY_WITHIN = Duration.ofSeconds(120);
    private static RealServers servers;

    @BeforeAll
    static void startStores() {
        servers = SharedRealServers.start(STORES);
        // The topic stats-service reads belongs to playback-service; without it, stats-service waits, not ready.
        TopicCreator.ensure(servers.kafka().bootstrapServers(), List.of(Topics.spec(Topics.TRACK_PLAYED)), Duration.ofSeconds(30));
    }

    @Test
    void comesBackOnTheSamePortsAfterAKillAndStopsGracefully() throws Exception {
        // The module's folder: failsafe runs the tests there.
        try (LaunchedService stats = ServiceLauncher.of(Path.of("")).withServers(servers, STORES).start()) {
            stats.awaitReady(READY_WITHIN);
            int httpPort = stats.httpPort();
            int managementPort = stats.managementPort();
            long firstPid = stats.pid();
            assertThat(acceptsConnections(httpPort)).isTrue();

            stats.kill();

            assertThat(stats.isAlive()).isFalse();
            assertThat(ProcessHandle.of(firstPid).filter(ProcessHandle::isAlive)).as("pid %d after kill -9", firstPid).isEmpty();
            assertThat(stats.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
            assertThat(acceptsConnections(httpPort)).as("API port %d after kill -9", httpPort).isFalse();
            assertThat(acceptsConnections(managementPort)).as("management port %d after kill -9", managementPort).isFalse();
            assertThat(stats.readinessStatus()).isEqualTo(-1);

            stats.restart().awaitReady(READY_WITHIN);

            assertThat(stats.pid()).isNotEqualTo(firstPid);
            assertThat(stats.httpPort()).isEqualTo(httpPort);
            assertThat(stats.managementPort()).isEqualTo(managementPort);
            assertThat(acceptsConnections(httpPort)).isTrue();

            stats.stop();

            assertThat(stats.isAlive()).isFalse();
            assertThat(stats.exitValue()).as("ended by SIGTERM").isEqualTo(128 + 15);
            assertThat(Files.readString(stats.logFile())).as("Quarkus's own shutdown ran").contains("stats-service stopped in");
            assertThat(acceptsConnections(managementPort)).isFalse();
        }
    }

    @Test
    void aKilledTestJvmTakesItsServiceWithIt() throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), TestJvm.class.getName()));
        RealServersTestResource.quarkusConfig(servers, STORES).forEach((key, value) -> command.add(key + "=" + value));
        Process testJvm = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (BufferedReader output = new BufferedReader(new InputStreamReader(testJvm.getInputStream(), StandardCharsets.UTF_8))) {
            StringBuilder said = new StringBuilder();
            String line;
            while ((line = output.readLine()) != null && !line.startsWith(TestJvm.PID_LINE)) {
                said.append(line).append('\n');
            }
            assertThat(line).as("the pid from the other test JVM, which said:\n%s", said).isNotNull();
            ProcessHandle service = ProcessHandle.of(Long.parseLong(line.substring(TestJvm.PID_LINE.length()))).orElseThrow();

            testJvm.destroyForcibly().waitFor();

            assertThat(service.onExit()).as("the service of a test JVM killed with kill -9").succeedsWithin(Duration.ofSeconds(40));
        } finally {
            testJvm.destroyForcibly();
        }
    }

    /** A test JVM that launches the service, says its pid and waits to be killed. */
    public static final class TestJvm {
        static final String PID_LINE = "service pid: ";

        public static void main(String[] properties) throws Exception {
            ServiceLauncher launcher = ServiceLauncher.of(Path.of("")).withName("stats-service-of-a-killed-jvm");
            for (String property : properties) {
                launcher.withProperty(property.substring(0, property.indexOf('=')), property.substring(property.indexOf('=') + 1));
            }
            LaunchedService service = launcher.start().awaitReady(READY_WITHIN);
            System.out.println(PID_LINE + service.pid());
            System.out.flush();
            Thread.sleep(Duration.ofMinutes(10));
        }
    }

    private static boolean acceptsConnections(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            return true;
        } catch (ConnectException refused) {
            return false;
        } catch (IOException other) {
            throw new AssertionError("Connecting to port " + port + " neither succeeded nor was refused", other);
        }
    }
}
