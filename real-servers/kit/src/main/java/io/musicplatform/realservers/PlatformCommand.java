package io.musicplatform.realservers;

import io.musicplatform.events.TopicCreator;
import io.musicplatform.events.TopicSpec;
import io.musicplatform.events.Topics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The command line behind {@code bin/platform}: runs the local platform's servers, then its services
 * ({@link PlatformService#ALL}), on fixed ports until Ctrl-C or {@code down}.
 *
 * <pre>
 * up     [--dir DIR] [--without keycloak,catalog-service,...] [--only kafka,...] [--free-ports] [--root DIR]
 *                                              start the servers and services and wait
 * down   [--dir DIR]                            stop a running platform, also after a kill -9
 * status [--dir DIR]                            say whether it runs and where
 * modules-to-build [--rebuild] [--without ...] [--only ...] [--root DIR]
 *                                              the service modules that up needs built, comma separated
 * </pre>
 * Ports come from {@code MUSIC_<NAME>_PORT} variables, such as {@code MUSIC_KAFKA_PORT} or
 * {@code MUSIC_CATALOG_PORT}. Services run from their packaged jars under {@code --root} (the
 * checkout's top folder, by default the working directory), which {@code bin/platform} builds first.
 */
public final class PlatformCommand {

    static final Map<String, Integer> DEFAULT_PORTS = defaultPorts();
    static final String ADDRESSES_FILE = "addresses.txt";

    private PlatformCommand() {
    }

    private static Map<String, Integer> defaultPorts() {
        Map<String, Integer> ports = new LinkedHashMap<>(Map.of(
                "kafka", 9092, "kafka.controller", 9093,
                "postgres", 15432,
                "opensearch", 9200, "opensearch.transport", 9300,
                "s3", 9700,
                "keycloak", 8180, "keycloak.management", 8190));
        for (PlatformService service : PlatformService.ALL) {
            ports.put(service.portName(), service.httpPort());
            ports.put(service.managementPortName(), service.managementPort());
        }
        return Map.copyOf(ports);
    }

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } catch (IllegalStateException | IllegalArgumentException | java.io.UncheckedIOException e) {
            System.err.println("platform: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        String command = args.length == 0 ? "help" : args[0];
        Path directory = Path.of(option(args, "--dir", ".platform"));
        Path root = Path.of(option(args, "--root", "."));
        switch (command) {
            case "up" -> up(directory, root, Selection.of(option(args, "--only", ""), option(args, "--without", "")),
                    flag(args, "--free-ports") ? PortPlan.free() : PortPlan.fixed(configuredPorts()));
            case "down" -> down(directory);
            case "status" -> status(directory);
            case "modules-to-build" -> System.out.println(modulesToBuild(root,
                    Selection.of(option(args, "--only", ""), option(args, "--without", "")), flag(args, "--rebuild")));
            default -> {
                System.out.println("usage: platform up [--without keycloak,catalog-service,...] [--only kafka,...] [--free-ports] [--rebuild]"
                        + " | down | status   [--dir DIR]");
                System.exit(command.equals("help") ? 0 : 2);
            }
        }
    }

    /** The servers and services to run: all, or those {@code --only} names, minus those {@code --without} names. */
    record Selection(Set<ServerKind> servers, List<PlatformService> services) {

        static Selection of(String only, String without) {
            Set<ServerKind> servers = EnumSet.noneOf(ServerKind.class);
            List<PlatformService> services = new ArrayList<>();
            if (only.isBlank()) {
                servers.addAll(EnumSet.allOf(ServerKind.class));
                services.addAll(PlatformService.ALL);
            } else {
                names(only).forEach(name -> PlatformService.named(name).ifPresentOrElse(services::add, () -> servers.add(ServerKind.of(name))));
            }
            names(without).forEach(name -> PlatformService.named(name).ifPresentOrElse(services::remove, () -> servers.remove(ServerKind.of(name))));
            return new Selection(servers, services);
        }

        private static List<String> names(String list) {
            List<String> names = Stream.of(list.split(",")).map(String::trim).filter(name -> !name.isEmpty()).toList();
            for (String name : names) {
                if (PlatformService.named(name).isEmpty() && Stream.of(ServerKind.values()).noneMatch(kind -> kind.label().equals(name))) {
                    throw new IllegalArgumentException("Unknown server or service '" + name + "': choose among "
                            + Stream.concat(Stream.of(ServerKind.values()).map(ServerKind::label),
                            PlatformService.ALL.stream().map(PlatformService::name)).collect(Collectors.joining(", ")));
                }
            }
            return names;
        }

        /** The chosen services whose needed servers are chosen too. */
        List<PlatformService> startable() {
            return services.stream().filter(service -> service.missing(servers).isEmpty()).toList();
        }
    }

    static String modulesToBuild(Path root, Selection chosen, boolean rebuild) {
        return chosen.startable().stream()
                .filter(service -> rebuild || service.outdated(root))
                .map(PlatformService::name)
                .collect(Collectors.joining(","));
    }

    private static void up(Path directory, Path root, Selection chosen, PortPlan ports) throws InterruptedException, IOException {
        long started = System.nanoTime();
        List<PlatformService> services = checkServices(chosen, root);
        Map<PlatformService, PlatformService.Ports> servicePorts = new LinkedHashMap<>();
        services.forEach(service -> servicePorts.put(service, service.ports(ports)));
        RealServers servers = RealServers.open(directory, ports).start(chosen.servers());
        List<ServiceProcess> running = new CopyOnWriteArrayList<>();
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean stopping = new AtomicBoolean();
        for (RealServer server : servers.running()) {
            server.process().onExit().thenAccept(exited -> {
                if (!stopping.get()) {
                    System.err.println("platform: " + server.kind().label() + " exited with code " + exited.exitValue()
                            + " while the platform ran; last lines of " + server.process().logFile() + ":\n"
                            + server.process().logTail());
                }
            });
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            System.out.println("platform: stopping every service and server...");
            // Services first, so that they stop cleanly rather than complain of servers going away.
            inParallel(running, ServiceProcess::close);
            servers.close();
            System.out.println("platform: stopped");
            stopped.countDown();
        }, "platform-stop"));

        StringBuilder addresses = new StringBuilder();
        if (chosen.servers().contains(ServerKind.KAFKA)) {
            addresses.append(createTopics(servers.kafka()));
        }
        for (RealServer server : servers.running()) {
            addresses.append(server.kind().label()).append(readyIn(server.startupTime()));
            new TreeMap<>(server.addresses()).forEach((name, value) -> addresses.append("  ").append(name).append(": ").append(value).append('\n'));
            addresses.append("  log: ").append(server.process().logFile()).append('\n');
        }
        addresses.append(startServices(servicePorts, root, servers, chosen.servers(), running, stopping));
        Files.writeString(servers.directory().resolve(ADDRESSES_FILE), addresses);
        System.out.print(addresses);
        System.out.printf("platform: %s and %s ready in %.1f s, data in %s%n", count(servers.running().size(), "server"),
                count(running.size(), "service"), Duration.ofNanos(System.nanoTime() - started).toMillis() / 1000.0, servers.directory());
        System.out.println("platform: stop with Ctrl-C, or bin/platform down from another shell");
        stopped.await();
    }

    /**
     * Says which chosen services will not start, or start without a server they use, and fails
     * before anything starts when one to start is not built. Returns those to start.
     */
    private static List<PlatformService> checkServices(Selection chosen, Path root) {
        for (PlatformService service : chosen.services()) {
            Set<ServerKind> missing = service.missing(chosen.servers());
            if (!missing.isEmpty()) {
                System.out.println("platform: " + service.name() + " is not started: it needs " + labels(missing)
                        + ", which --only or --without leaves out");
                continue;
            }
            Set<ServerKind> unused = EnumSet.copyOf(service.uses());
            unused.removeAll(chosen.servers());
            if (!unused.isEmpty()) {
                System.out.println("platform: " + service.name() + " runs without " + labels(unused) + (unused.contains(ServerKind.KEYCLOAK)
                        ? ": it can check no token, so its API answers 401 without one and 503 with one" : ""));
            }
            if (!Files.isRegularFile(service.jar(root))) {
                throw new IllegalStateException(service.name() + " is not built (no " + service.jar(root).toAbsolutePath().normalize()
                        + "): bin/platform up builds it, or mvn -B -DskipTests package -pl " + service.name() + " -am");
            }
        }
        return chosen.startable();
    }

    /**
     * Starts the services together and waits until each is ready; returns what to print. A service
     * that fails is named with the end of its log, and the platform stops (the shutdown hook).
     */
    private static String startServices(Map<PlatformService, PlatformService.Ports> services, Path root, RealServers servers,
                                        Set<ServerKind> kinds, List<ServiceProcess> running, AtomicBoolean stopping) {
        Map<PlatformService, ServiceProcess> launched = new LinkedHashMap<>();
        long begin = System.nanoTime();
        services.forEach((service, ports) -> {
            ServiceProcess process = service.start(root, servers, kinds, ports);
            running.add(process);
            launched.put(service, process);
        });
        StringBuilder addresses = new StringBuilder();
        launched.forEach((service, process) -> {
            try {
                process.awaitReady(PlatformService.READY_WITHIN);
            } catch (IllegalStateException e) {
                throw new IllegalStateException(service.name() + " did not start, so the platform stops. " + e.getMessage(), e);
            }
            addresses.append(service.name()).append(readyIn(Duration.ofNanos(System.nanoTime() - begin)));
            service.addresses(process).forEach((name, value) -> addresses.append("  ").append(name).append(": ").append(value).append('\n'));
            process.onExit().thenAccept(exited -> {
                if (!stopping.get()) {
                    System.err.println("platform: " + service.name() + " exited with code " + exited.exitValue()
                            + " while the platform ran; last lines of " + process.logFile() + ":\n" + process.logTail());
                }
            });
        });
        return addresses.toString();
    }

    private static String readyIn(Duration startup) {
        return String.format(" (ready in %.1f s)%n", startup.toMillis() / 1000.0);
    }

    private static String count(int number, String noun) {
        return number + " " + noun + (number == 1 ? "" : "s");
    }

    private static String labels(Collection<ServerKind> kinds) {
        return kinds.stream().map(ServerKind::label).collect(Collectors.joining(", "));
    }

    private static <T> void inParallel(Collection<T> items, java.util.function.Consumer<T> action) {
        List<Thread> threads = items.stream().map(item -> Thread.ofPlatform().start(() -> action.accept(item))).toList();
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Creates every topic declared in events-schema with its settings, as the chart's hook Job does
     * in Kubernetes, so that consumers started before their producer find their topic.
     */
    private static String createTopics(KafkaServer kafka) {
        TopicCreator.Result result = TopicCreator.ensure(kafka.bootstrapServers(), Topics.all(), Duration.ofSeconds(60));
        StringBuilder lines = new StringBuilder("topics (declared in events-schema)\n");
        for (TopicSpec topic : Topics.all()) {
            lines.append("  ").append(TopicCreator.line(topic, result)).append('\n');
        }
        return lines.toString();
    }

    private static void down(Path directory) {
        List<String> stopped = RealServers.down(directory);
        System.out.println(stopped.isEmpty() ? "platform: nothing was running in " + directory.toAbsolutePath()
                : "platform: stopped " + String.join(", ", stopped));
    }

    private static void status(Path directory) throws IOException {
        Path addresses = directory.resolve(ADDRESSES_FILE);
        boolean running = RealServers.owner(directory).isPresent();
        System.out.println(running ? "platform: running" : "platform: not running");
        if (running && Files.exists(addresses)) {
            System.out.print(Files.readString(addresses));
        }
    }

    static Map<String, Integer> configuredPorts() {
        Map<String, Integer> ports = new LinkedHashMap<>(DEFAULT_PORTS);
        ports.replaceAll((name, port) -> {
            String variable = PortPlan.variable(name);
            String value = System.getenv(variable);
            if (value == null || value.isBlank()) {
                return port;
            }
            try {
                return Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(variable + " must be a port number, not '" + value + "'");
            }
        });
        return ports;
    }

    private static boolean flag(String[] args, String name) {
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 1; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
