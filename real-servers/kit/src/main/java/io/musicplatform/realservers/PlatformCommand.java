package io.musicplatform.realservers;

import io.musicplatform.realservers.LocalPlatform.Selection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * The command line behind {@code bin/platform}: runs the local platform ({@link LocalPlatform}: its
 * servers, then its services and the gateway ({@link PlatformService#ALL}), then the demo library) on
 * fixed ports until Ctrl-C or {@code down}, and prints what a newcomer needs to use it.
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
    static final String ADDRESSES_FILE = LocalPlatform.ADDRESSES_FILE;

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

    static String modulesToBuild(Path root, Selection chosen, boolean rebuild) {
        return chosen.startable().stream()
                .filter(service -> rebuild || service.outdated(root))
                .map(PlatformService::name)
                .collect(Collectors.joining(","));
    }

    private static void up(Path directory, Path root, Selection chosen, PortPlan ports) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicReference<LocalPlatform> platform = new AtomicReference<>();
        AtomicBoolean stopping = new AtomicBoolean();
        AtomicBoolean failed = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            if (failed.get()) {
                // The failed start stopped what it had started, and said so.
                stopped.countDown();
                return;
            }
            LocalPlatform running = platform.get();
            System.out.println("platform: stopping every service and server...");
            if (running != null) {
                running.close();
            } else {
                // Stopped while starting: whatever has started is recorded in its pid file (PostgreSQL does not die with us).
                RealServers.down(directory);
            }
            System.out.println("platform: stopped");
            stopped.countDown();
        }, "platform-stop"));
        // A failed start stops what it started before it throws; main says what failed.
        LocalPlatform started;
        try {
            started = LocalPlatform.start(directory, root, chosen, ports, true, System.out);
        } catch (RuntimeException e) {
            failed.set(true);
            throw e;
        }
        platform.set(started);
        if (stopping.get()) {
            // Stopped (Ctrl-C, bin/platform down) while starting: the hook ran before the platform was there.
            started.close();
            System.out.println("platform: stopped");
            return;
        }
        System.out.print(started.addresses());
        System.out.printf("platform: %s and %s ready in %.1f s, data in %s%n", count(started.servers().running().size(), "server"),
                count(started.services().size(), "service"), started.startupTime().toMillis() / 1000.0, started.servers().directory());
        if (chosen.startable().contains(PlatformService.GATEWAY) && chosen.servers().contains(ServerKind.KEYCLOAK)) {
            System.out.println(started.welcome());
        }
        System.out.println("platform: stop with Ctrl-C, or bin/platform down from another shell");
        stopped.await();
    }

    private static String count(int number, String noun) {
        return number + " " + noun + (number == 1 ? "" : "s");
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
