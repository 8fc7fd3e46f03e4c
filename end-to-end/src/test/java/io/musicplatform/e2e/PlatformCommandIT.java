package io.musicplatform.e2e;

import io.musicplatform.realservers.PlatformCommand;
import io.musicplatform.realservers.RealServers;
import io.musicplatform.realservers.ServerClasspath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The platform command as {@code bin/platform} runs it, in a JVM of its own, with a packaged service
 * (built before this module, so it always runs here): {@code up} starts it and prints its addresses,
 * {@code status} lists it, and after the launcher is killed with {@code kill -9}, {@code down} leaves
 * nothing running, PostgreSQL (which does not die with its starter) included. Only Kafka, PostgreSQL
 * and catalog-service run: the rest is the suite's own platform.
 */
class PlatformCommandIT {

    private static final Path ROOT = Path.of(System.getProperty("music.root", "..")).toAbsolutePath().normalize();
    private static final String READY_LINE = "platform: stop with Ctrl-C";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopLeftovers() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void upStatusAndDownAfterTheLauncherWasKilled() throws Exception {
        Path directory = Path.of("target", "platform-command", UUID.randomUUID().toString()).toAbsolutePath();
        Path output = directory.resolve("platform.out");
        Process launcher = command(directory, output, "up", "--only", "kafka,postgres,catalog-service", "--free-ports", "--root", ROOT.toString());
        long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
        while (!read(output).contains(READY_LINE)) {
            assertThat(launcher.isAlive()).as(() -> "the platform command exited: " + read(output)).isTrue();
            assertThat(System.nanoTime()).as(() -> "not ready: " + read(output)).isLessThan(deadline);
            Thread.sleep(100);
        }
        String printed = read(output);
        assertThat(printed).contains("platform: kafka ready in", "platform: catalog-service ready in",
                "catalog-service runs without keycloak", "2 servers and 1 service ready in");
        String health = address(printed, "health");
        assertThat(status(health)).isEqualTo(200);

        Path statusOutput = directory.resolve("status.out");
        assertThat(command(directory, statusOutput, "status").waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(read(statusOutput)).contains("platform: running", health);

        List<ProcessHandle> children = List.of(recorded(directory.resolve("services/catalog-service.pid")),
                recorded(directory.resolve("kafka/server.pid")), postmaster(directory.resolve("postgres/data/postmaster.pid")));
        launcher.destroyForcibly().waitFor();

        List<String> stopped = RealServers.down(directory);

        for (ProcessHandle child : children) {
            assertThat(child.onExit()).as("%s after down (stopped: %s)", child, stopped).succeedsWithin(Duration.ofSeconds(60));
        }
        assertThat(status(health)).isEqualTo(-1);
        assertThat(RealServers.owner(directory)).isEmpty();
    }

    private Process command(Path directory, Path output, String... arguments) throws IOException {
        Files.createDirectories(directory);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-javaagent:" + ServerClasspath.watchdogAgent(), "-cp", System.getProperty("java.class.path"), PlatformCommand.class.getName()));
        command.addAll(List.of(arguments));
        command.addAll(List.of("--dir", directory.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        started.add(process);
        return process;
    }

    /** The live process a kit pid file names ({@code pid=...}). */
    private static ProcessHandle recorded(Path pidFile) throws IOException {
        Properties pid = new Properties();
        try (var in = Files.newInputStream(pidFile)) {
            pid.load(in);
        }
        Optional<ProcessHandle> process = ProcessHandle.of(Long.parseLong(pid.getProperty("pid")));
        assertThat(process).as(pidFile.toString()).isPresent();
        return process.get();
    }

    /** PostgreSQL's postmaster, from its own lock file (its pid on the first line). */
    private static ProcessHandle postmaster(Path lockFile) throws IOException {
        Optional<ProcessHandle> process = ProcessHandle.of(Long.parseLong(Files.readAllLines(lockFile).get(0).trim()));
        assertThat(process).as(lockFile.toString()).isPresent();
        return process.get();
    }

    private static int status(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String address(String printed, String name) {
        Matcher line = Pattern.compile("(?m)^  " + Pattern.quote(name) + ": (\\S+)$").matcher(printed);
        assertThat(line.find()).as("a line '%s: ...' in:%n%s", name, printed).isTrue();
        return line.group(1);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }
}
