package io.musicplatform.realservers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Finds and stops server processes that outlived whatever started them (after a {@code kill -9} of
 * both the kit's JVM and a server's JVM, say): every server leaves a pid file, and PostgreSQL its
 * {@code postmaster.pid}. A pid is only trusted when the process with it started at the recorded
 * instant, so a recycled pid is never killed.
 */
final class StaleProcesses {

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
        List<Path> pidFiles;
        try (Stream<Path> files = Files.walk(directory, 4)) {
            pidFiles = files.filter(file -> {
                String name = file.getFileName().toString();
                return name.equals(ServerProcess.PID_FILE) || name.equals("postmaster.pid");
            }).toList();
        } catch (IOException e) {
            throw new IllegalStateException("Could not look for leftover servers in " + directory + ": " + e.getMessage(), e);
        }
        for (Path pidFile : pidFiles) {
            recordedProcess(pidFile).ifPresent(process -> {
                String command = process.info().commandLine().orElse("pid " + process.pid());
                terminate(process);
                stopped.add(process.pid() + " " + abbreviate(command));
            });
        }
        return stopped;
    }

    /** The live process a pid file names, if the process with that pid is still the one recorded. */
    static Optional<ProcessHandle> recordedProcess(Path pidFile) {
        try {
            if (pidFile.getFileName().toString().equals("postmaster.pid")) {
                // PostgreSQL's own lock file: the postmaster's pid is its first line and the data directory its second.
                List<String> lines = Files.readAllLines(pidFile);
                if (lines.size() < 2) {
                    return Optional.empty();
                }
                long pid = Long.parseLong(lines.get(0).trim());
                return ProcessHandle.of(pid).filter(p -> p.info().commandLine().map(c -> c.contains("postgres")).orElse(true));
            }
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            Properties recorded = new Properties();
            try (var in = Files.newInputStream(pidFile)) {
                recorded.load(in);
            }
            long pid = Long.parseLong(recorded.getProperty("pid", "-1"));
            String started = recorded.getProperty("started", "");
            return ProcessHandle.of(pid).filter(p -> started.isEmpty()
                    || p.info().startInstant().map(Instant::toString).map(started::equals).orElse(false));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void terminate(ProcessHandle process) {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process);
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle member : tree) {
            try {
                member.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                member.destroyForcibly();
            }
        }
    }

    private static String abbreviate(String command) {
        return command.length() <= 120 ? command : command.substring(0, 117) + "...";
    }
}
