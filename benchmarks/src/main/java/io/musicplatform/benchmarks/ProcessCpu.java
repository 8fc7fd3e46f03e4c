package io.musicplatform.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * CPU time used so far by each part of a benchmark's run, from the operating system's accounting:
 * the benchmark's own JVM, the service(s) it launched and each real server. On two cores shared with
 * other work, wall-clock times mostly measure waiting for a core; CPU time per operation says which
 * part costs what, and how far two cores go.
 */
public final class ProcessCpu {

    private final String runFolder;
    private final Map<String, Predicate<String>> parts = new LinkedHashMap<>();

    private ProcessCpu(String runFolder) {
        this.runFolder = runFolder;
    }

    /**
     * The parts of a run whose servers live in {@code runFolder}: the bench JVM, the packaged services
     * (a Quarkus fast-jar), PostgreSQL (its postmaster, which pg_ctl leaves to init, is found by the run
     * folder on its command line, with its backends), Kafka, S3Proxy, OpenSearch and Keycloak.
     */
    public static ProcessCpu of(String runFolder) {
        ProcessCpu cpu = new ProcessCpu(runFolder);
        cpu.parts.put("services", line -> line.contains("quarkus-run.jar"));
        cpu.parts.put("Kafka", line -> line.contains("kafka.Kafka"));
        cpu.parts.put("S3Proxy", line -> line.contains("org.gaul.s3proxy.Main"));
        cpu.parts.put("OpenSearch", line -> line.contains("opensearch"));
        cpu.parts.put("Keycloak", line -> line.contains("keycloak"));
        return cpu;
    }

    /** CPU time per part now, the bench JVM first; parts with no process in this run are left out. */
    public Map<String, Duration> now() {
        Map<String, Duration> used = new LinkedHashMap<>();
        used.put("bench JVM", cpu(ProcessHandle.current()));
        Set<ProcessHandle> processes = new HashSet<>(ProcessHandle.current().descendants().toList());
        ProcessHandle.allProcesses().filter(p -> commandLine(p).contains(runFolder) && isPostgres(p)).forEach(postmaster -> {
            processes.add(postmaster);
            processes.addAll(postmaster.descendants().toList());
        });
        for (ProcessHandle process : processes) {
            if (isPostgres(process)) {
                used.merge("PostgreSQL", cpu(process), Duration::plus);
                continue;
            }
            String line = commandLine(process);
            parts.entrySet().stream().filter(part -> part.getValue().test(line)).findFirst()
                    .ifPresent(part -> used.merge(part.getKey(), cpu(process), Duration::plus));
        }
        return used;
    }

    /** "part X unit, ..., all Y unit" per operation between two readings, in microseconds or milliseconds. */
    public static String perOperation(Map<String, Duration> before, Map<String, Duration> after, long operations, boolean millis) {
        StringBuilder line = new StringBuilder();
        double total = 0;
        String unit = millis ? "ms" : "µs";
        for (var part : after.entrySet()) {
            double used = (part.getValue().toNanos() - before.getOrDefault(part.getKey(), Duration.ZERO).toNanos())
                    / (millis ? 1e6 : 1e3) / operations;
            total += used;
            line.append(String.format(Locale.ROOT, "%s %.2f %s, ", part.getKey(), used, unit));
        }
        return line.append(String.format(Locale.ROOT, "all %.2f %s", total, unit)).toString();
    }

    private static boolean isPostgres(ProcessHandle process) {
        return process.info().command().map(command -> command.endsWith("/postgres")).orElse(false);
    }

    private static Duration cpu(ProcessHandle process) {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** The whole command line: the JDK's {@code ProcessHandle.Info} cuts long ones (a server's class path), Linux's /proc does not. */
    private static String commandLine(ProcessHandle process) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ');
        } catch (IOException | RuntimeException e) {
            return process.info().commandLine().orElse("");
        }
    }
}
