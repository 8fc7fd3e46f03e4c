package io.musicplatform.benchmarks.stats;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * CPU time used so far by each part of the run, from the operating system's accounting of this JVM
 * and its descendants: the benchmark itself (the publisher), Kafka, PostgreSQL (postmaster and
 * backends) and the service. On two cores shared with other work, wall-clock stage times mostly
 * measure waiting for a core; CPU time per play says which part costs what.
 */
final class CpuTime {

    private static final Map<String, Predicate<ProcessHandle>> PARTS = new LinkedHashMap<>();

    static {
        PARTS.put("stats-service", process -> commandLine(process).contains("quarkus-run.jar"));
        PARTS.put("PostgreSQL", process -> process.info().command().map(c -> c.endsWith("/postgres")).orElse(false));
        // The JDK reads only the start of a long command line: Kafka's is known by an option before its class path.
        PARTS.put("Kafka", process -> commandLine(process).contains("-Dkafka.logs.dir="));
    }

    private CpuTime() {
    }

    /**
     * CPU time per part: the benchmark's own JVM ("publisher") and each kind of child process. The
     * postmaster of the run (its command line names the run's folder, {@code runFolder}) is found among
     * all processes, since pg_ctl leaves it to init; its backends are its children.
     */
    static Map<String, Duration> now(String runFolder) {
        Map<String, Duration> used = new LinkedHashMap<>();
        used.put("publisher (bench JVM)", cpu(ProcessHandle.current()));
        PARTS.keySet().forEach(part -> used.put(part, Duration.ZERO));
        java.util.Set<ProcessHandle> processes = new java.util.HashSet<>(ProcessHandle.current().descendants().toList());
        ProcessHandle.allProcesses().filter(p -> commandLine(p).contains(runFolder) && PARTS.get("PostgreSQL").test(p))
                .forEach(postmaster -> {
                    processes.add(postmaster);
                    processes.addAll(postmaster.descendants().toList());
                });
        processes.forEach(process -> PARTS.forEach((part, matches) -> {
            if (matches.test(process)) {
                used.merge(part, cpu(process), Duration::plus);
            }
        }));
        return used;
    }

    private static Duration cpu(ProcessHandle process) {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** "part X µs, ..." per play between two readings. */
    static String perPlay(Map<String, Duration> before, Map<String, Duration> after, long plays) {
        StringBuilder line = new StringBuilder();
        double total = 0;
        for (var part : after.entrySet()) {
            double micros = (part.getValue().toNanos() - before.getOrDefault(part.getKey(), Duration.ZERO).toNanos()) / 1e3 / plays;
            total += micros;
            line.append(String.format(Locale.ROOT, "%s %.1f µs, ", part.getKey(), micros));
        }
        return line.append(String.format(Locale.ROOT, "all %.1f µs", total)).toString();
    }

    private static String commandLine(ProcessHandle process) {
        return process.info().commandLine().orElse("");
    }
}
