package io.musicplatform.benchmarks;

import io.musicplatform.events.TopicCreator;
import io.musicplatform.events.Topics;
import io.musicplatform.realservers.Ports;
import io.musicplatform.realservers.PortPlan;
import io.musicplatform.realservers.RealServer;
import io.musicplatform.realservers.RealServers;
import io.musicplatform.realservers.ServerKind;
import io.musicplatform.realservers.ServiceLaunch;
import io.musicplatform.realservers.ServiceProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The servers and packaged services of one benchmark run: in a folder of their own, emptied first so
 * every run starts from the same nothing, on free ports, so a run can go on beside a running
 * {@code bin/platform}; every topic declared in events-schema is created once Kafka is up. Closing it stops the services, then the servers; so does the end of the JVM.
 */
final class BenchRun implements AutoCloseable {

    private static final Duration READY_WITHIN = Duration.ofSeconds(180);

    private final Path checkout;
    private final RealServers servers;
    private final Set<ServerKind> kinds;
    private final List<ServiceProcess> services = new ArrayList<>();

    private BenchRun(Path checkout, RealServers servers, Set<ServerKind> kinds) {
        this.checkout = checkout;
        this.servers = servers;
        this.kinds = kinds;
    }

    /** Stops what an earlier run may have left in {@code directory}, empties it and starts {@code kinds} there. */
    static BenchRun start(Path checkout, Path directory, Set<ServerKind> kinds) {
        RealServers.down(directory);
        deleteRecursively(directory);
        RealServers servers = RealServers.open(directory, PortPlan.free());
        BenchRun run = new BenchRun(checkout, servers, kinds);
        Runtime.getRuntime().addShutdownHook(new Thread(run::close, "bench-stop"));
        servers.start(kinds);
        for (RealServer server : servers.running()) {
            System.out.printf(Locale.ROOT, "bench: %s ready in %.1f s%n", server.kind().label(), server.startupTime().toMillis() / 1000.0);
        }
        if (kinds.contains(ServerKind.KAFKA)) {
            // As bin/platform up does: a consumer launched before its producer finds its topic.
            TopicCreator.ensure(servers.kafka().bootstrapServers(), Topics.all(), Duration.ofSeconds(60));
        }
        return run;
    }

    RealServers servers() {
        return servers;
    }

    /**
     * Starts the packaged service of module {@code name} on every server of the run, with
     * {@code properties} besides, and waits until it is ready.
     */
    ServiceProcess launch(String name, Map<String, String> properties) {
        long begin = System.nanoTime();
        ServiceLaunch onServers = ServiceLaunch.onServers(name, checkout.resolve(name), servers, kinds, Set.of(), Ports.free(), Ports.free());
        Map<String, String> config = new LinkedHashMap<>(onServers.properties());
        config.putAll(properties);
        ServiceProcess service = ServiceProcess.start(new ServiceLaunch(onServers.name(), onServers.jar(), onServers.logFile(),
                onServers.httpPort(), onServers.managementPort(), config, jvmOptions(onServers.jvmOptions())));
        synchronized (services) {
            services.add(service);
        }
        service.awaitReady(READY_WITHIN);
        System.out.printf(Locale.ROOT, "bench: %s ready in %.1f s (log: %s)%n", name, (System.nanoTime() - begin) / 1e9, service.logFile());
        return service;
    }

    /**
     * The kit's JVM options for a service, and those of {@code BENCH_SERVICE_JVM_OPTIONS} (separated by
     * spaces) after them: a way to measure a service with other JVM settings (a collector, a heap)
     * without touching the servers' JVMs, as {@code JAVA_TOOL_OPTIONS} would.
     */
    private static List<String> jvmOptions(List<String> kit) {
        String extra = System.getenv().getOrDefault("BENCH_SERVICE_JVM_OPTIONS", "").strip();
        if (extra.isEmpty()) {
            return kit;
        }
        List<String> options = new ArrayList<>(kit);
        options.addAll(List.of(extra.split("\\s+")));
        return options;
    }

    @Override
    public void close() {
        synchronized (services) {
            services.forEach(ServiceProcess::close);
            services.clear();
        }
        servers.close();
    }

    static void deleteRecursively(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not empty " + folder + " for a fresh run", e);
        }
    }
}
