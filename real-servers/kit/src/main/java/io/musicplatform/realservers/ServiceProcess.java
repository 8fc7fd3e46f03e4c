package io.musicplatform.realservers;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A packaged service (its Quarkus fast-jar) running as a process of its own on the kit's servers: the
 * one launcher behind the local platform's services ({@code bin/platform up}), the benchmarks and
 * service-testing's {@code ServiceLauncher}.
 *
 * <p>It carries the kit's watchdog agent and its stdin is a pipe that only the starting JVM holds, so
 * it exits when that JVM does, even after a {@code kill -9}; its pid file lets {@link StaleProcesses}
 * stop it should both be killed. The ways to end it: {@link #kill()} as a crash would ({@code SIGKILL}),
 * {@link #stop()} as an orchestrator would ({@code SIGTERM}, graceful), and {@link #restart()} on the
 * same ports with the same configuration. {@link #close()} stops it if it still runs.
 */
public class ServiceProcess implements AutoCloseable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);
    /** Each readiness probe that finds the service not ready yet is a line in its log (SmallRye Health's): not too many. */
    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final ServiceLaunch launch;
    private final List<String> command;
    private Process process;
    /** The service's stdin: while this JVM holds it open, the watchdog agent lets the service live. */
    private OutputStream lifeline;

    protected ServiceProcess(ServiceLaunch launch) {
        this.launch = launch;
        this.command = launch.command();
    }

    /** Starts the service and returns at once; follow with {@link #awaitReady}. */
    public static ServiceProcess start(ServiceLaunch launch) {
        ServiceProcess service = new ServiceProcess(launch);
        service.launch(false);
        return service;
    }

    /** Starts the process; the first start begins a new log (the previous one kept as {@code .1}), a restart appends to it. */
    protected final synchronized void launch(boolean restart) {
        process = ChildProcesses.launch(launch.name(), command, Map.of(), launch.logFile().getParent(), launch.logFile(),
                launch.pidFile(), restart);
        lifeline = process.getOutputStream();
    }

    public String name() {
        return launch.name();
    }

    /** The API port ({@code quarkus.http.port}), the same across restarts. */
    public int httpPort() {
        return launch.httpPort();
    }

    /** The management port ({@code quarkus.management.port}: health, metrics, OpenAPI), the same across restarts. */
    public int managementPort() {
        return launch.managementPort();
    }

    /** {@code http://127.0.0.1:<httpPort>}, where the service's API answers. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + httpPort());
    }

    /** {@code http://127.0.0.1:<managementPort>/q}, the management root: {@code /health/ready}, {@code /metrics}... */
    public URI managementUri() {
        return URI.create("http://127.0.0.1:" + managementPort() + "/q");
    }

    /** Where the service's output goes: every start and restart of this handle, each after a {@code #} line. */
    public Path logFile() {
        return launch.logFile();
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

    /** Completes when the current process exits, for whatever reason. */
    public synchronized CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    /** The HTTP status of {@code GET /q/health/ready} right now, or -1 when nothing answers. */
    public int readinessStatus() {
        return readiness().status();
    }

    /**
     * Polls {@code GET /q/health/ready} on the management port every 200 ms until it answers 200.
     * Fails with the last lines of the log when the process exits first or the timeout passes; on a
     * timeout the service is left running (close it as usual), and the last readiness answer says
     * which check is down.
     */
    public ServiceProcess awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Readiness last;
        while (true) {
            Process current = currentProcess();
            if (!current.isAlive()) {
                throw new IllegalStateException(name() + " exited with code " + current.exitValue() + " before it was ready. "
                        + "Last lines of " + logFile() + ":\n" + logTail());
            }
            last = readiness();
            if (last.status() == 200) {
                return this;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name() + " was not ready after " + timeout.toSeconds() + " s (last answer of "
                        + managementUri() + "/health/ready: " + (last.status() < 0 ? "none" : last.status() + " " + last.body())
                        + "). Last lines of " + logFile() + ":\n" + logTail());
            }
            try {
                Thread.sleep(POLL_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + name(), e);
            }
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
    public synchronized ServiceProcess restart() {
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
        return ChildProcesses.tail(logFile());
    }

    private synchronized Process currentProcess() {
        return process;
    }

    private void awaitExit(Duration timeout, String when) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(name() + " (pid " + process.pid() + ") did not exit " + when
                        + ". Last lines of " + logFile() + ":\n" + logTail());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("Interrupted while waiting for " + name() + " to exit", e);
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
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Readiness(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Readiness(-1, "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for " + name(), e);
        }
    }
}
