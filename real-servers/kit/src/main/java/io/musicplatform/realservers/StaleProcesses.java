package io.musicplatform.realservers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Finds and stops server and service processes that outlived whatever started them (after a
 * {@code kill -9} of both the kit's JVM and a server's JVM, say): every server and service leaves a
 * pid file, and PostgreSQL its {@code postmaster.pid}. A pid is only trusted when the process with it
 * started at the recorded instant, so a recycled pid is never killed.
 */
final class StaleProcesses {

    /**
     * Where, inside a server's folder, the processes it may leave behind are recorded, besides the
     * {@code *.pid} files right in it (a server's {@code server.pid}, each service's {@code <name>.pid}
     * in {@code services/}).
     */
    private static final List<String> NESTED_PID_FILES = List.of("format/" + ServerProcess.PID_FILE, "data/postmaster.pid");

    /** The folder of a platform's directory where its services' logs and pid files live. */
    static final String SERVICES_FOLDER = "services";

    private StaleProcesses() {
    }

    static String describe(ProcessHandle process) {
        return "pid=" + process.pid() + "\nstarted=" + process.info().startInstant().map(Instant::toString).orElse("") + "\n";
    }

    /** Stops every recorded process still alive under {@code directory}; returns what it stopped. */
    static List<String> stopAll(Path directory) {
        List<String> stopped = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return stopped;
        }
        List<Path> servers;
        try (Stream<Path> children = Files.list(directory)) {
            // Services first: they lean on the servers, and would only log errors while those go away.
            servers = children.filter(Files::isDirectory)
                    .sorted(Comparator.comparing((Path child) -> !child.getFileName().toString().equals(SERVICES_FOLDER)))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not look for leftover servers in " + directory, e);
        }
        for (Path server : servers) {
            for (Path pidFile : pidFiles(server)) {
                recordedProcess(pidFile).ifPresent(process -> {
                    String command = process.info().commandLine().orElse("pid " + process.pid());
                    terminate(process);
                    stopped.add(process.pid() + " " + abbreviate(command));
                });
            }
        }
        return stopped;
    }

    private static List<Path> pidFiles(Path folder) {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> children = Files.list(folder)) {
            children.filter(file -> file.getFileName().toString().endsWith(".pid")).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not look for leftover processes in " + folder, e);
        }
        NESTED_PID_FILES.forEach(nested -> files.add(folder.resolve(nested)));
        return files;
    }

    /** The live process a pid file names, if the process with that pid is still the one recorded. */
    static Optional<ProcessHandle> recordedProcess(Path pidFile) {
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            if (pidFile.getFileName().toString().equals("postmaster.pid")) {
                // PostgreSQL's own lock file: the postmaster's pid, its data directory, its start time (epoch seconds).
                List<String> lines = Files.readAllLines(pidFile);
                if (lines.size() < 3) {
                    return Optional.empty();
                }
                long pid = Long.parseLong(lines.get(0).trim());
                long startedSecond = Long.parseLong(lines.get(2).trim());
                return ProcessHandle.of(pid).filter(p -> p.info().startInstant()
                        .map(start -> Math.abs(start.getEpochSecond() - startedSecond) <= 1).orElse(false));
            }
            Properties recorded = new Properties();
            try (var in = Files.newInputStream(pidFile)) {
                recorded.load(in);
            }
            long pid = Long.parseLong(recorded.getProperty("pid", "-1"));
            String started = recorded.getProperty("started", "");
            return ProcessHandle.of(pid).filter(p -> !started.isEmpty()
                    && p.info().startInstant().map(Instant::toString).map(started::equals).orElse(false));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Asks the process to stop (SIGTERM: a JVM runs its shutdown hooks, PostgreSQL shuts down and
     * takes its backends with it), then kills it and whatever it left if it is not gone in time.
     */
    private static void terminate(ProcessHandle process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        try {
            process.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static String abbreviate(String command) {
        return command.length() <= 120 ? command : command.substring(0, 117) + "...";
    }
}
