package io.musicplatform.realservers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The platform command run in JVMs of its own, as {@code bin/platform} runs it, for the tests of its
 * lifecycle; {@link #close()} stops every one still running, even when a test fails half way.
 */
final class PlatformCommands implements AutoCloseable {

    /** The last line {@code up} prints once everything it starts is ready. */
    static final String READY_LINE = "platform: stop with Ctrl-C";

    private final List<Process> started = new ArrayList<>();

    /** Runs {@code up} with these arguments in {@code directory} and waits until it is ready; its output goes to {@code platform.out}. */
    Process up(Path directory, String... arguments) throws Exception {
        Path output = directory.resolve("platform.out");
        List<String> up = new ArrayList<>(List.of("up"));
        up.addAll(List.of(arguments));
        Process starter = start(directory, output, up.toArray(String[]::new));
        long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
        while (!Files.readString(output).contains(READY_LINE)) {
            assertThat(starter.isAlive()).as(() -> "the platform command exited: " + read(output)).isTrue();
            assertThat(System.nanoTime()).as(() -> "the platform command is not ready: " + read(output)).isLessThan(deadline);
            Thread.sleep(100);
        }
        return starter;
    }

    /** Starts the command with these arguments on {@code directory}. It carries the watchdog too: it dies with the test JVM, whatever happens. */
    Process start(Path directory, Path output, String... arguments) throws IOException {
        Files.createDirectories(directory);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-javaagent:" + ServerClasspath.watchdogAgent(),
                "-cp", System.getProperty("java.class.path"), PlatformCommand.class.getName()));
        command.addAll(List.of(arguments));
        command.addAll(List.of("--dir", directory.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        started.add(process);
        return process;
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (Process process : started) {
            process.destroy();
            process.waitFor(60, TimeUnit.SECONDS);
        }
        started.clear();
    }
}
