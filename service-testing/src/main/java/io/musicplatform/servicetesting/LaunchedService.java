package io.musicplatform.servicetesting;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.concurrent.TimeUnit;

/**
 * A service that {@link ServiceLauncher} started as a process of its own: its ports, its log, and
 * the ways to end it: {@link #kill()} as a crash would ({@code SIGKILL}), {@link #stop()} as an
 * orchestrator would ({@code SIGTERM}, graceful), and {@link #restart()} on the same ports with the
 * same configuration. {@link #close()} stops it if it still runs.
 */
public final class LaunchedService implements AutoCloseable {

    private static final Pattern SECRET =
            Pattern.compile("^(-D[^=]*(?:password|secret|credential)[^=]*)=.*$", Pattern.CASE_INSENSITIVE);

    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
    private static final int LOG_TAIL_LINES = 40;

    private final String name;
    private final List<String> command;
    private final Path logFile;
    private final int httpPort;
    private final int managementPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private Process process;
    /** The service's stdin: while this JVM holds it open, the watchdog agent lets the service live. */
    private OutputStream lifeline;

    LaunchedService(String name, List<String> command, Path logFile, int httpPort, int managementPort) {
        this.name = name;
        this.command = List.copyOf(command);
        this.logFile = logFile;
        this.httpPort = httpPort;
        this.managementPort = managementPort;
    }

    /** The command for the log, with the values of passwords and secret keys hidden. */
    static String readable(List<String> command) {
        return command.stream()
                .map(argument -> SECRET.matcher(argument).replaceFirst("$1=****"))
                .collect(Collectors.joining(" "));
    }

    /** Starts the process; the first start begins a new log, a restart appends to it. */
    synchronized void launch(boolean restart) {
        try {
            Files.createDirectories(logFile.getParent());
            String header = "# " + Instant.now() + (restart ? " restart: " : " start: ") + readable(command) + System.lineSeparator();
            if (restart) {
                Files.writeString(logFile, header, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } else {
                Files.writeString(logFile, header);
            }
            process = new ProcessBuilder(command)
                    .directory(logFile.getParent().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.PIPE)
                    .start();
            lifeline = process.getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + name + " (log: " + logFile + ")", e);
        }
    }

    public String name() {
        return name;
    }

    /** The API port ({@code quarkus.http.port}), the same across restarts. */
    public int httpPort() {
        return httpPort;
    }

    /** The management port ({@code quarkus.management.port}: health, metrics, OpenAPI), the same across restarts. */
    public int managementPort() {
        return managementPort;
    }

    /** {@code http://127.0.0.1:<httpPort>}, where the service's API answers. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + httpPort);
    }

    /** {@code http://127.0.0.1:<managementPort>/q}, the management root: {@code /health/ready}, {@code /metrics}... */
    public URI managementUri() {
        return URI.create("http://127.0.0.1:" + managementPort + "/q");
    }

    /** Where the service's output goes: every start and restart of this handle, each after a {@code #} line. */
    public Path logFile() {
        return logFile;
    }

    /** The pid of the current process (a restart changes it). */
    public synchronized long pid() {
        return process.pid();
    }

    public synchronized boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code of the last process, once it has exited: 143 after {@link #stop()} (SIGTERM), 137 after {@link #kill()}. */
    public synchronized int exitValue() {
        return process.exitValue();
    }

    /** The HTTP status of {@code GET /q/health/ready} right now, or -1 when nothing answers. */
    public int readinessStatus() {
        return readiness().status();
    }

    /**
     * Polls {@code GET /q/health/ready} on the management port until it answers 200. Fails with the
     * last lines of the log when the process exits first or the timeout passes; on a timeout the
     * service is left running (close it as usual), and the last readiness answer says which check is down.
     */
    public LaunchedService awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Readiness last = new Readiness(-1, "");
        while (true) {
            Process current = currentProcess();
            if (!current.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + current.exitValue() + " before it was ready. "
                        + "Last lines of " + logFile + ":\n" + logTail());
            }
            last = readiness();
            if (last.status() == 200) {
                return this;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " was not ready after " + timeout.toSeconds() + " s (last answer of "
                        + managementUri() + "/health/ready: " + (last.status() < 0 ? "none" : last.status() + " " + last.body())
                        + "). Last lines of " + logFile + ":\n" + logTail());
            }
            pause(POLL_INTERVAL);
        }
    }

    /** Kills the service outright, as a crash would ({@code SIGKILL} on Linux), and waits until it is gone. */
    public synchronized void kill() {
        // Killed before its lifeline is closed: closing it first would let the watchdog shut the service down gracefully.
        process.destroyForcibly();
        awaitExit(KILL_WAIT, "after SIGKILL");
        closeLifeline();
    }

    /**
     * Stops the service gracefully ({@code SIGTERM}: Quarkus runs its shutdown, finishing requests
     * and closing its consumers) and waits for it. Fails, after killing it, if it is not gone within 30 s.
     */
    public synchronized void stop() {
        try {
            if (process.isAlive()) {
                // Through the handle: Process.destroy() would also close the service's stdin, and the
                // watchdog would then exit it on its own, racing the signal this is meant to test.
                process.toHandle().destroy();
                try {
                    awaitExit(STOP_GRACE, "within " + STOP_GRACE.toSeconds() + " s of SIGTERM");
                } catch (IllegalStateException slow) {
                    process.destroyForcibly();
                    awaitExit(KILL_WAIT, "after SIGKILL");
                    throw slow;
                }
            }
        } finally {
            closeLifeline();
        }
    }

    /** Stops the service if it runs, then starts it again on the same ports with the same configuration and log. */
    public synchronized LaunchedService restart() {
        stop();
        launch(true);
        return this;
    }

    /** Stops the service gracefully if it still runs. */
    @Override
    public void close() {
        stop();
    }

    /** The last lines of the service's log, for failure messages. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.ISO_8859_1);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(could not read the log: " + e + ")";
        }
    }

    private synchronized Process currentProcess() {
        return process;
    }

    private void awaitExit(Duration timeout, String when) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(name + " (pid " + process.pid() + ") did not exit " + when
                        + ". Last lines of " + logFile + ":\n" + logTail());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("Interrupted while waiting for " + name + " to exit", e);
        }
    }

    private void closeLifeline() {
        try {
            lifeline.close();
        } catch (IOException ignored) {
            // The process is gone: its end of the pipe went with it.
        }
    }

    private record Readiness(int status, String body) {
    }

    private Readiness readiness() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(managementUri() + "/health/ready"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Readiness(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Readiness(-1, "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for " + name, e);
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a launched service", e);
        }
    }
}
