package io.musicplatform.realservers;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One server running as a child process, with its output in a log file.
 *
 * <p>Its stdin is a pipe that only this JVM holds: the watchdog agent inside the server stops it when
 * the pipe closes, which happens when {@link #stop()} closes it and when this JVM dies in any way. A
 * pid file next to the log lets {@link StaleProcesses} stop it even when both JVMs were killed.
 */
public final class ServerProcess {

    static final String PID_FILE = "server.pid";
    private static final Duration STOP_GRACE = Duration.ofSeconds(40);

    private final String name;
    private final Process process;
    private final OutputStream lifeline;
    private final Path logFile;

    private ServerProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.lifeline = process.getOutputStream();
        this.logFile = logFile;
    }

    /** Starts a Java server: {@code java -javaagent:<watchdog> <jvmOptions> -cp <classpath> <mainClass> <arguments>}. */
    static ServerProcess startJava(String name, Path directory, List<String> classpath, List<String> jvmOptions,
                                   String mainClass, List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-javaagent:" + ServerClasspath.watchdogAgent());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(String.join(java.io.File.pathSeparator, classpath));
        command.add(mainClass);
        command.addAll(arguments);
        return start(name, directory, command, Map.of());
    }

    /** Starts any command; a Java server inside it must carry the watchdog agent itself. */
    static ServerProcess start(String name, Path directory, List<String> command, Map<String, String> environment) {
        Path logFile = directory.resolve("server.log");
        Process process = ChildProcesses.launch(name, command, environment, directory, logFile, directory.resolve(PID_FILE), false);
        return new ServerProcess(name, process, logFile);
    }

    /**
     * Waits until {@code ready} holds, polling every 100 ms. Fails with the server's last log lines
     * when it exits first or is not ready in time (and then stops it).
     */
    void awaitReady(Duration timeout, BooleanSupplier ready) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue()
                        + " before it was ready. Last lines of " + logFile + ":\n" + logTail());
            }
            try {
                if (ready.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // A probe that throws simply means "not yet".
            }
            if (System.nanoTime() > deadline) {
                stop();
                throw new IllegalStateException(name + " was not ready after " + timeout.toSeconds()
                        + " s. Last lines of " + logFile + ":\n" + logTail());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop();
                throw new IllegalStateException("Interrupted while waiting for " + name, e);
            }
        }
    }

    /** Waits for a command that ends by itself (a tool, not a server); returns its exit code. */
    int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                stop();
                throw new IllegalStateException(name + " did not finish within " + timeout.toSeconds()
                        + " s. Last lines of " + logFile + ":\n" + logTail());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
            throw new IllegalStateException("Interrupted while waiting for " + name, e);
        }
    }

    boolean logContains(String text) {
        try {
            return Files.readString(logFile, StandardCharsets.ISO_8859_1).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    String logTail() {
        return ChildProcesses.tail(logFile);
    }

    public String name() {
        return name;
    }

    public Path logFile() {
        return logFile;
    }

    /** Completes when the server's process exits, for whatever reason. */
    public CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    /** Stops the server the way its parent's death would, then forcibly if it does not exit in time. */
    public void stop() {
        try {
            lifeline.close();
        } catch (IOException ignored) {
            // Already closed: the server is stopping or gone.
        }
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                System.err.println("real-servers: " + name + " did not stop within " + STOP_GRACE.toSeconds() + " s, killing it");
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        for (ProcessHandle leftover : tree) {
            if (leftover.isAlive()) {
                leftover.destroyForcibly();
            }
        }
    }
}
