package io.musicplatform.realservers;

import io.musicplatform.events.TopicCreator;
import io.musicplatform.events.TopicSpec;
import io.musicplatform.events.Topics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The command line behind {@code bin/platform}: runs the local platform's servers on fixed ports
 * until Ctrl-C or {@code down}.
 *
 * <pre>
 * up     [--dir DIR] [--without keycloak,...] [--only kafka,...] [--free-ports]
 *                                              start the servers and wait
 * down   [--dir DIR]                            stop a running platform, also after a kill -9
 * status [--dir DIR]                            say whether it runs and where
 * </pre>
 * Ports come from {@code MUSIC_<NAME>_PORT} variables, such as {@code MUSIC_KAFKA_PORT}.
 */
public final class PlatformCommand {

    static final Map<String, Integer> DEFAULT_PORTS = Map.of(
            "kafka", 9092, "kafka.controller", 9093,
            "postgres", 15432,
            "opensearch", 9200, "opensearch.transport", 9300,
            "s3", 9700,
            "keycloak", 8180, "keycloak.management", 8190);
    static final String ADDRESSES_FILE = "addresses.txt";

    private PlatformCommand() {
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
        switch (command) {
            case "up" -> up(directory, chosen(option(args, "--only", ""), option(args, "--without", "")),
                    flag(args, "--free-ports") ? PortPlan.free() : PortPlan.fixed(configuredPorts()));
            case "down" -> down(directory);
            case "status" -> status(directory);
            default -> {
                System.out.println("usage: platform up [--without keycloak,...] [--only kafka,...] [--free-ports] | down | status   [--dir DIR]");
                System.exit(command.equals("help") ? 0 : 2);
            }
        }
    }

    private static void up(Path directory, Set<ServerKind> kinds, PortPlan ports) throws InterruptedException, IOException {
        long started = System.nanoTime();
        RealServers servers = RealServers.open(directory, ports).start(kinds);
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
            System.out.println("platform: stopping every server...");
            servers.close();
            System.out.println("platform: stopped");
            stopped.countDown();
        }, "platform-stop"));

        StringBuilder addresses = new StringBuilder();
        if (kinds.contains(ServerKind.KAFKA)) {
            addresses.append(createTopics(servers.kafka()));
        }
        for (RealServer server : servers.running()) {
            addresses.append(server.kind().label())
                    .append(String.format(" (ready in %.1f s)", server.startupTime().toMillis() / 1000.0)).append('\n');
            new TreeMap<>(server.addresses()).forEach((name, value) ->
                    addresses.append("  ").append(name).append(": ").append(value).append('\n'));
            addresses.append("  log: ").append(server.process().logFile()).append('\n');
        }
        Files.writeString(servers.directory().resolve(ADDRESSES_FILE), addresses);
        System.out.print(addresses);
        System.out.printf("platform: %d servers ready in %.1f s, data in %s%n", servers.running().size(),
                Duration.ofNanos(System.nanoTime() - started).toMillis() / 1000.0, servers.directory());
        System.out.println("platform: stop with Ctrl-C, or bin/platform down from another shell");
        stopped.await();
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

    private static Set<ServerKind> chosen(String only, String without) {
        Set<ServerKind> kinds = only.isBlank() ? EnumSet.allOf(ServerKind.class) : ServerKind.parseList(only);
        kinds.removeAll(ServerKind.parseList(without));
        return kinds;
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
