package io.musicplatform.realservers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What every child process of the kit shares, servers ({@link ServerProcess}) and services
 * ({@link ServiceProcess}) alike: output appended to a log file after a header line, stdin a pipe that
 * only the starting JVM holds (the watchdog agent's lifeline), a pid file for {@link StaleProcesses},
 * and the last lines of the log for error messages.
 */
final class ChildProcesses {

    private static final int LOG_TAIL_LINES = 40;
    private static final Pattern SECRET =
            Pattern.compile("^(-D[^=]*(?:password|secret|credential)[^=]*)=.*$", Pattern.CASE_INSENSITIVE);

    private ChildProcesses() {
    }

    /**
     * Starts {@code command} in {@code workingDirectory}. A fresh start keeps the previous log as
     * {@code <log>.1} (it may be the only account of how that run ended); a restart appends to the log.
     */
    static Process launch(String name, List<String> command, Map<String, String> environment, Path workingDirectory,
                          Path logFile, Path pidFile, boolean restart) {
        try {
            Files.createDirectories(workingDirectory);
            Files.createDirectories(logFile.getParent());
            if (!restart && Files.exists(logFile)) {
                Files.move(logFile, logFile.resolveSibling(logFile.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
            }
            Files.writeString(logFile, "# " + Instant.now() + (restart ? " restart: " : " ") + readable(command) + System.lineSeparator(),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workingDirectory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.PIPE);
            builder.environment().putAll(environment);
            Process process = builder.start();
            Files.writeString(pidFile, StaleProcesses.describe(process.toHandle()));
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + name + " (log: " + logFile + ")", e);
        }
    }

    /**
     * The command for the log: a long classpath shortened to its size (the paths are in the server
     * module), the values of passwords and secret keys hidden.
     */
    static String readable(List<String> command) {
        List<String> shown = new ArrayList<>(command.size());
        for (int i = 0; i < command.size(); i++) {
            String argument = command.get(i);
            boolean classpath = i > 0 && command.get(i - 1).equals("-cp");
            shown.add(classpath ? "(" + argument.split(java.io.File.pathSeparator).length + " jars)"
                    : SECRET.matcher(argument).replaceFirst("$1=****"));
        }
        return String.join(" ", shown);
    }

    /** The last lines of a log, for failure messages. */
    static String tail(Path logFile) {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.ISO_8859_1);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(could not read the log: " + e + ")";
        }
    }
}
