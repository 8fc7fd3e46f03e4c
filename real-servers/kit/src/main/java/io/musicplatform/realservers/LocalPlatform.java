package io.musicplatform.realservers;

import io.musicplatform.events.TopicCreator;
import io.musicplatform.events.TopicSpec;
import io.musicplatform.events.Topics;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The whole platform on this machine, run by this JVM: the real servers, the topics, the services,
 * the gateway in front of them and the demo library. {@code bin/platform up} ({@link PlatformCommand})
 * runs one until Ctrl-C; the end-to-end suite runs one per test JVM (on free ports, in a folder of
 * its own) and reaches its services' processes to kill and restart them.
 *
 * <p>Progress goes to the given stream as each part becomes ready; a part that fails is named with
 * the end of its log, and whatever had started is stopped before the failure is thrown.
 */
public final class LocalPlatform implements AutoCloseable {

    /** The file, in the platform's folder, with every address printed at start ({@code bin/platform status} shows it). */
    public static final String ADDRESSES_FILE = "addresses.txt";
    /** Written once the demo library is loaded: the next start on the same data does not load it again. */
    public static final String DEMO_MARKER = "demo-library.loaded";
    /** How long the demo library may take to load on a busy two-core machine. */
    private static final Duration DEMO_WITHIN = Duration.ofSeconds(300);
    private static final String DEMO_MODULE = "demo-library";
    private static final String DEMO_MAIN = "io.musicplatform.demo.DemoLibrary";

    private final RealServers servers;
    private final Map<PlatformService, ServiceProcess> services = new LinkedHashMap<>();
    private final List<ServiceProcess> running = new CopyOnWriteArrayList<>();
    private final PrintStream progress;
    private final StringBuilder addresses = new StringBuilder();
    private volatile boolean stopping;
    private Duration startupTime = Duration.ZERO;

    private LocalPlatform(RealServers servers, PrintStream progress) {
        this.servers = servers;
        this.progress = progress;
    }

    /** The servers and services to run: all, or those {@code --only} names, minus those {@code --without} names. */
    public record Selection(Set<ServerKind> servers, List<PlatformService> services) {

        /** Everything: every server, service, the gateway and the demo library. */
        public static Selection all() {
            return of("", "");
        }

        /** From the command line's lists of names, comma separated; empty {@code only} means all. */
        public static Selection of(String only, String without) {
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

        /** Whether the whole product runs, so that the demo library can be loaded through it. */
        boolean everything() {
            return servers.containsAll(EnumSet.allOf(ServerKind.class)) && startable().containsAll(PlatformService.ALL);
        }
    }

    /**
     * Starts what {@code chosen} names in {@code directory}, from the packaged services under
     * {@code root} (the checkout's top folder), and waits until all of it is ready; with everything
     * chosen and {@code demo}, loads the demo library too (once per data folder). Fails, having
     * stopped what it started, when a part cannot start.
     */
    public static LocalPlatform start(Path directory, Path root, Selection chosen, PortPlan ports, boolean demo, PrintStream progress) {
        long begin = System.nanoTime();
        List<PlatformService> toStart = checkServices(chosen, root, progress);
        Map<PlatformService, PlatformService.Ports> servicePorts = new LinkedHashMap<>();
        // Every port is asked of the plan before anything starts, so that a taken one stops nothing.
        toStart.forEach(service -> servicePorts.put(service, service.ports(ports)));
        Map<PlatformService, Map<String, String>> wiring = wiring(servicePorts);
        progress.println("platform: starting " + chosen.servers().stream().map(ServerKind::label).collect(Collectors.joining(", ")) + "...");
        RealServers servers = RealServers.open(directory, ports);
        PlatformService.Ports gateway = servicePorts.get(PlatformService.GATEWAY);
        if (gateway != null) {
            // The web app's pages come from the gateway's origin and PUT uploads straight to the storage.
            servers.allowWebOrigins(List.of("http://127.0.0.1:" + gateway.http(), "http://localhost:" + gateway.http()));
        }
        LocalPlatform platform = new LocalPlatform(servers, progress);
        try {
            servers.start(chosen.servers(), server -> progress.printf("platform: %s ready in %.1f s%n", server.kind().label(),
                    server.startupTime().toMillis() / 1000.0));
            platform.watchServers();
            if (chosen.servers().contains(ServerKind.KAFKA)) {
                platform.addresses.append(createTopics(servers.kafka()));
            }
            for (RealServer server : servers.running()) {
                platform.addresses.append(server.kind().label()).append(readyIn(server.startupTime()));
                new TreeMap<>(server.addresses()).forEach((name, value) -> platform.addresses.append("  ").append(name).append(": ").append(value).append('\n'));
                platform.addresses.append("  log: ").append(server.process().logFile()).append('\n');
            }
            platform.startServices(servicePorts, root, chosen.servers(), wiring);
            if (demo && chosen.everything()) {
                platform.loadDemo(root);
            } else if (demo) {
                progress.println("platform: the demo library is not loaded: it needs every server and service, which --only or --without leaves out");
            }
            platform.startupTime = Duration.ofNanos(System.nanoTime() - begin);
            Files.writeString(servers.directory().resolve(ADDRESSES_FILE), platform.addresses);
            return platform;
        } catch (RuntimeException | IOException e) {
            progress.println("platform: stopping what had started...");
            platform.close();
            progress.println("platform: stopped");
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    /** Everything on free ports, demo library included: what the end-to-end suite runs. */
    public static LocalPlatform startAll(Path directory, Path root, PrintStream progress) {
        return start(directory, root, Selection.all(), PortPlan.free(), true, progress);
    }

    /** The modules of every service it runs, gateway and web app included (what {@code mvn package} must have built). */
    public static List<String> modules() {
        return PlatformService.ALL.stream().map(PlatformService::name).toList();
    }

    public RealServers servers() {
        return servers;
    }

    /** The running process of a service by name ({@code catalog-service}, ..., {@code gateway}), to stop, kill or restart. */
    public ServiceProcess service(String name) {
        return services.entrySet().stream().filter(entry -> entry.getKey().name().equals(name)).map(Map.Entry::getValue)
                .findFirst().orElseThrow(() -> new IllegalArgumentException(name + " does not run on this platform; running: "
                        + services.keySet().stream().map(PlatformService::name).collect(Collectors.joining(", "))));
    }

    /** The services that run (the gateway among them), in the order they were started. */
    public Collection<ServiceProcess> services() {
        return List.copyOf(services.values());
    }

    /** Where clients reach the platform: the gateway's address, such as {@code http://127.0.0.1:8080}. */
    public URI gateway() {
        return service(PlatformService.GATEWAY.name()).baseUri();
    }

    /** Every address, as {@code bin/platform up} prints them and {@code status} shows them. */
    public String addresses() {
        return addresses.toString();
    }

    /** From the call to {@link #start} until everything was ready, the demo library loaded. */
    public Duration startupTime() {
        return startupTime;
    }

    /** Stops the services (the gateway with them), then the servers. */
    @Override
    public void close() {
        stopping = true;
        // Services first, so that they stop cleanly rather than complain of servers going away.
        inParallel(running, ServiceProcess::close);
        servers.close();
    }

    /**
     * What a newcomer needs once it is ready: the gateway's address, a {@code curl} that gets a token,
     * three example calls, where the logs are and how to stop.
     */
    public String welcome() {
        String gateway = gateway().toString();
        String tokenUrl = servers.keycloak().realmUrl() + "/protocol/openid-connect/token";
        String bearer = "-H \"Authorization: Bearer $TOKEN\"";
        return String.join("\n",
                "",
                "The platform answers at " + gateway + " (the gateway: " + String.join(", ", routePaths()) + ").",
                "The player is at " + gateway + "/ in a browser: sign in as listener / listener, or register.",
                "Get a token as the demo listener (operator / operator is the admin; local use only):",
                "  TOKEN=$(curl -s -d grant_type=password -d client_id=" + KeycloakServer.CLIENT_ID + " -d username=listener -d password=listener \\",
                "    " + tokenUrl + " | sed -E 's/.*\"access_token\":\"([^\"]+)\".*/\\1/')",
                "Search, play the first hit, then read your stats:",
                "  curl -s " + bearer + " '" + gateway + "/api/search?q=amelie'",
                "  TRACK=$(curl -s " + bearer + " '" + gateway + "/api/search?q=amelie' | sed -E 's/.*\"trackId\":\"([^\"]+)\".*/\\1/')",
                "  curl -s -X POST " + bearer + " " + gateway + "/api/playback/tracks/$TRACK/play",
                "  curl -s " + bearer + " " + gateway + "/api/stats/users/me",
                "Logs: " + servers.directory().resolve(StaleProcesses.SERVICES_FOLDER) + "/<service>.log and "
                        + servers.directory() + "/<server>/ (all addresses: bin/platform status)",
                "Stop: Ctrl-C here, or bin/platform down from another shell.",
                "");
    }

    private static List<String> routePaths() {
        return PlatformService.ALL.stream().filter(service -> !service.apiPath().isEmpty()).map(PlatformService::apiPath).toList();
    }

    /**
     * What the services must know of each other's ports here: the gateway's routes (each service's API
     * path, and {@code /} for the web app, to the port it runs on) and, for the web app, the gateway's
     * address, through which its relay calls the API.
     */
    private static Map<PlatformService, Map<String, String>> wiring(Map<PlatformService, PlatformService.Ports> servicePorts) {
        Map<String, String> routes = new LinkedHashMap<>();
        servicePorts.forEach((service, ports) -> {
            String path = service.equals(PlatformService.WEB) ? "/" : service.apiPath();
            if (!path.isEmpty()) {
                routes.put("music.gateway.routes." + service.portName() + ".path", path);
                routes.put("music.gateway.routes." + service.portName() + ".origin", "http://127.0.0.1:" + ports.http());
            }
        });
        Map<PlatformService, Map<String, String>> wiring = new LinkedHashMap<>();
        wiring.put(PlatformService.GATEWAY, routes);
        PlatformService.Ports gateway = servicePorts.get(PlatformService.GATEWAY);
        if (gateway != null) {
            wiring.put(PlatformService.WEB, Map.of("music.web.gateway-url", "http://127.0.0.1:" + gateway.http()));
        }
        return wiring;
    }

    /**
     * Says which chosen services will not start, or start without a server they use, and fails
     * before anything starts when one to start is not built. Returns those to start.
     */
    private static List<PlatformService> checkServices(Selection chosen, Path root, PrintStream progress) {
        for (PlatformService service : chosen.services()) {
            Set<ServerKind> missing = service.missing(chosen.servers());
            if (!missing.isEmpty()) {
                progress.println("platform: " + service.name() + " is not started: it needs " + labels(missing)
                        + ", which --only or --without leaves out");
                continue;
            }
            Set<ServerKind> unused = service.uses().isEmpty() ? EnumSet.noneOf(ServerKind.class) : EnumSet.copyOf(service.uses());
            unused.removeAll(chosen.servers());
            if (!unused.isEmpty()) {
                progress.println("platform: " + service.name() + " runs without " + labels(unused) + (unused.contains(ServerKind.KEYCLOAK)
                        ? ": it can check no token, so its API answers 401 without one and 503 with one" : ""));
            }
            if (!Files.isRegularFile(service.jar(root))) {
                throw new IllegalStateException(service.name() + " is not built (no " + service.jar(root).toAbsolutePath().normalize()
                        + "): bin/platform up builds it, or mvn -B -DskipTests package -pl " + service.name() + " -am");
            }
        }
        return chosen.startable();
    }

    /** Reports a server that exits while the platform runs, with the end of its log. */
    private void watchServers() {
        for (RealServer server : servers.running()) {
            server.process().onExit().thenAccept(exited -> {
                if (!stopping) {
                    progress.println("platform: " + server.kind().label() + " exited with code " + exited.exitValue()
                            + " while the platform ran; last lines of " + server.process().logFile() + ":\n"
                            + server.process().logTail());
                }
            });
        }
    }

    /**
     * Starts the services together and waits until each is ready, saying so as each becomes ready. A
     * service that fails is named with the end of its log.
     */
    private void startServices(Map<PlatformService, PlatformService.Ports> toStart, Path root, Set<ServerKind> kinds,
                               Map<PlatformService, Map<String, String>> wiring) {
        long begin = System.nanoTime();
        toStart.forEach((service, ports) -> {
            ServiceProcess process = service.start(root, servers, kinds, ports, wiring.getOrDefault(service, Map.of()));
            running.add(process);
            services.put(service, process);
        });
        progress.println("platform: starting " + services.keySet().stream().map(PlatformService::name).collect(Collectors.joining(", ")) + "...");
        services.forEach((service, process) -> {
            try {
                process.awaitReady(PlatformService.READY_WITHIN);
            } catch (IllegalStateException e) {
                throw new IllegalStateException(service.name() + " did not start, so the platform stops. " + e.getMessage(), e);
            }
            Duration ready = Duration.ofNanos(System.nanoTime() - begin);
            progress.printf("platform: %s ready in %.1f s%n", service.name(), ready.toMillis() / 1000.0);
            addresses.append(service.name()).append(readyIn(ready));
            service.addresses(process).forEach((name, value) -> addresses.append("  ").append(name).append(": ").append(value).append('\n'));
            process.onExit().thenAccept(exited -> {
                if (!stopping) {
                    progress.println("platform: " + service.name() + " exited with code " + exited.exitValue()
                            + " while the platform ran; last lines of " + process.logFile() + ":\n" + process.logTail());
                }
            });
        });
    }

    /**
     * Loads the demo library through the gateway, as any client would upload (module demo-library,
     * run as a process of its own on its own classpath), unless this data folder already has it.
     */
    private void loadDemo(Path root) {
        Path marker = servers.directory().resolve(DEMO_MARKER);
        if (Files.exists(marker)) {
            progress.println("platform: the demo library is already loaded (delete " + marker + " to load it again)");
            return;
        }
        Path module = root.resolve(DEMO_MODULE);
        Path classpath = module.resolve("target/" + DEMO_MODULE + ".classpath");
        if (!Files.isRegularFile(classpath)) {
            throw new IllegalStateException("the demo library is not built (no " + classpath.toAbsolutePath().normalize()
                    + "): bin/platform up builds it, or mvn -B -DskipTests package -pl " + DEMO_MODULE + " -am");
        }
        List<String> command;
        try {
            command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-javaagent:" + ServerClasspath.watchdogAgent(),
                    "-cp", module.resolve("target/classes") + java.io.File.pathSeparator + Files.readString(classpath).trim(),
                    DEMO_MAIN, "--gateway", gateway().toString(), "--realm", servers.keycloak().realmUrl(),
                    "--kafka", servers.kafka().bootstrapServers(), "--marker", marker.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + classpath, e);
        }
        Path log = servers.directory().resolve(StaleProcesses.SERVICES_FOLDER).resolve(DEMO_MODULE + ".log");
        progress.println("platform: loading the demo library through the gateway (log: " + log + ")...");
        Process loader = ChildProcesses.launch(DEMO_MODULE, command, Map.of(), servers.directory(), log,
                log.resolveSibling(DEMO_MODULE + ".pid"), false);
        try (var lifeline = loader.getOutputStream()) {
            followLog(loader, log);
            if (!loader.waitFor(DEMO_WITHIN.toSeconds(), TimeUnit.SECONDS)) {
                loader.destroyForcibly();
                throw new IllegalStateException("the demo library did not load within " + DEMO_WITHIN.toSeconds()
                        + " s, so the platform stops. Last lines of " + log + ":\n" + ChildProcesses.tail(log));
            }
            if (loader.exitValue() != 0) {
                throw new IllegalStateException("the demo library could not be loaded (exit code " + loader.exitValue()
                        + "), so the platform stops. Last lines of " + log + ":\n" + ChildProcesses.tail(log));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            loader.destroyForcibly();
            throw new IllegalStateException("Interrupted while loading the demo library", e);
        }
    }

    /** Copies the loader's progress lines ({@code demo: ...}) from its log as they come, until it exits. */
    private void followLog(Process loader, Path log) throws IOException, InterruptedException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(log), StandardCharsets.UTF_8))) {
            Deque<String> pending = new ArrayDeque<>();
            while (true) {
                boolean exited = !loader.isAlive();
                String line;
                while ((line = reader.readLine()) != null) {
                    pending.add(line);
                }
                while (!pending.isEmpty()) {
                    String next = pending.poll();
                    if (next.startsWith("demo:")) {
                        progress.println("platform: " + next);
                    }
                }
                if (exited) {
                    return;
                }
                loader.waitFor(200, TimeUnit.MILLISECONDS);
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

    private static String readyIn(Duration startup) {
        return String.format(" (ready in %.1f s)%n", startup.toMillis() / 1000.0);
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
}
