package io.musicplatform.benchmarks;

import io.musicplatform.benchmarks.catalog.CatalogBenchmark;
import io.musicplatform.benchmarks.ingestion.IngestionBenchmark;
import io.musicplatform.benchmarks.notifications.NotificationsBenchmark;
import io.musicplatform.benchmarks.playback.PlaybackBenchmark;
import io.musicplatform.benchmarks.search.SearchBenchmark;
import io.musicplatform.benchmarks.stats.StatsBenchmark;
import io.musicplatform.benchmarks.web.WebBenchmark;
import io.musicplatform.realservers.LocalPlatform;
import io.musicplatform.realservers.RealServers;
import io.musicplatform.realservers.ServiceProcess;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The command line behind {@code bin/bench}:
 * <pre>
 * run &lt;name&gt; --root DIR    run a benchmark on the packaged services of the checkout in DIR
 * services &lt;name&gt;          the service modules it launches, comma separated (bin/bench builds those missing)
 * </pre>
 * Each run has its servers and services in {@code benchmarks/target/runs/<name>}, emptied first, on
 * free ports: it can run beside {@code bin/platform up}.
 */
public final class Bench {

    private static final Map<String, Benchmark> BENCHMARKS = new TreeMap<>(Map.of(
            "catalog", new CatalogBenchmark(),
            "ingestion", new IngestionBenchmark(),
            "notifications", new NotificationsBenchmark(),
            "playback", new PlaybackBenchmark(),
            "search", new SearchBenchmark(),
            "stats", new StatsBenchmark()));

    /** Those that run on the whole local platform. */
    private static final Map<String, PlatformBenchmark> ON_THE_PLATFORM = new TreeMap<>(Map.of(
            "web", new WebBenchmark()));

    private Bench() {
    }

    public static void main(String[] args) {
        try {
            if (args.length >= 2 && args[0].equals("services")) {
                System.out.println(String.join(",", ON_THE_PLATFORM.containsKey(args[1]) ? LocalPlatform.modules() : benchmark(args[1]).services()));
            } else if (args.length >= 2 && args[0].equals("run")) {
                Path root = Path.of(args.length >= 4 && args[2].equals("--root") ? args[3] : ".").toAbsolutePath().normalize();
                System.exit(run(args[1], root) ? 0 : 1);
            } else {
                System.err.println("usage: bin/bench <name>   (" + String.join(", ", names()) + ")");
                System.exit(2);
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(1);
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static Benchmark benchmark(String name) {
        Benchmark benchmark = BENCHMARKS.get(name);
        if (benchmark == null) {
            throw new IllegalArgumentException("No benchmark '" + name + "': choose among " + String.join(", ", names()));
        }
        return benchmark;
    }

    private static Set<String> names() {
        Set<String> names = new TreeSet<>(BENCHMARKS.keySet());
        names.addAll(ON_THE_PLATFORM.keySet());
        return names;
    }

    /** Runs one benchmark and prints its table; true when every target was met. */
    private static boolean run(String name, Path root) throws Exception {
        long begin = System.nanoTime();
        System.out.println("bench: " + name + " on " + machine());
        Path directory = root.resolve("benchmarks/target/runs").resolve(name);
        Report report;
        if (ON_THE_PLATFORM.containsKey(name)) {
            RealServers.down(directory);
            BenchRun.deleteRecursively(directory);
            try (LocalPlatform platform = LocalPlatform.startAll(directory, root, System.out)) {
                Runtime.getRuntime().addShutdownHook(new Thread(platform::close, "bench-stop"));
                report = ON_THE_PLATFORM.get(name).run(platform);
            }
        } else {
            Benchmark benchmark = benchmark(name);
            try (BenchRun run = BenchRun.start(root, directory, benchmark.servers())) {
                Map<String, ServiceProcess> services = new LinkedHashMap<>();
                benchmark.services().forEach(service -> services.put(service, run.launch(service, benchmark.properties(service))));
                report = benchmark.run(run.servers(), services);
            }
        }
        System.out.println();
        System.out.print(report.table());
        System.out.printf(Locale.ROOT, "%nbench: %s %s in %.1f min, %s%n", name, report.allPassed() ? "met every target" : "MISSED a target",
                (System.nanoTime() - begin) / 60e9, machine());
        return report.allPassed();
    }

    /** The machine and how busy it was, for the figures' context. */
    private static String machine() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return String.format(Locale.ROOT, "%d cores, %s %s, Java %s, load average %.2f, %s", Runtime.getRuntime().availableProcessors(),
                os.getName(), os.getArch(), Runtime.version(), os.getSystemLoadAverage(),
                ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    }
}
