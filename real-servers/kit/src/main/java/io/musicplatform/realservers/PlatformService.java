package io.musicplatform.realservers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static io.musicplatform.realservers.ServerKind.KAFKA;
import static io.musicplatform.realservers.ServerKind.KEYCLOAK;
import static io.musicplatform.realservers.ServerKind.OPENSEARCH;
import static io.musicplatform.realservers.ServerKind.POSTGRES;
import static io.musicplatform.realservers.ServerKind.S3;

/**
 * A service of the local platform, which {@code bin/platform up} builds when its jar is missing,
 * starts on the real servers once they are ready, waits for and prints.
 *
 * @param name           its name and the folder of its module, e.g. {@code catalog-service}
 * @param apiPath        where its API lives ({@code quarkus.rest.path})
 * @param httpPort       its fixed API port on the platform, as in its application.properties
 * @param managementPort its fixed management port (health, metrics, OpenAPI)
 * @param needs          the servers without which it cannot become ready: it is not started without them
 * @param uses           servers it runs without, with less: it is started anyway, pointed at a port where nothing answers
 */
public record PlatformService(String name, String apiPath, int httpPort, int managementPort, Set<ServerKind> needs, Set<ServerKind> uses) {

    /**
     * The platform's services, one line each. Keycloak is something a
     * service uses, not needs: readiness does not ask it, and without it the service still projects
     * its events and serves health and metrics, while its API refuses every token. Playback signs
     * its URLs without calling the storage, so it uses S3 rather than needs it.
     */
    /**
     * The one port in front of the services (module gateway): it needs no server, checks no token and
     * routes each API path to the port its service runs on here (the platform gives it the routes).
     */
    static final PlatformService GATEWAY = new PlatformService("gateway", "", 8080, 9080,
            EnumSet.noneOf(ServerKind.class), EnumSet.noneOf(ServerKind.class));

    /**
     * The web app (module web): the player's page and the relay that calls the API through the
     * gateway with the signed-in user's token. Served to browsers at the gateway's {@code /}; without
     * Keycloak nobody can sign in, but it still starts and serves health.
     */
    static final PlatformService WEB = new PlatformService("web", "", 8086, 9086,
            EnumSet.noneOf(ServerKind.class), EnumSet.of(KEYCLOAK));

    static final List<PlatformService> ALL = List.of(
            new PlatformService("catalog-service", "/api/catalog", 8081, 9081, EnumSet.of(KAFKA, POSTGRES), EnumSet.of(KEYCLOAK)),
            new PlatformService("playback-service", "/api/playback", 8082, 9082, EnumSet.of(KAFKA, POSTGRES), EnumSet.of(KEYCLOAK, S3)),
            new PlatformService("stats-service", "/api/stats", 8083, 9083, EnumSet.of(KAFKA, POSTGRES), EnumSet.of(KEYCLOAK)),
            new PlatformService("search-service", "/api/search", 8084, 9084, EnumSet.of(KAFKA, OPENSEARCH), EnumSet.of(KEYCLOAK)),
            new PlatformService("ingestion-service", "/api/ingestion", 8085, 9085, EnumSet.of(KAFKA, POSTGRES, S3), EnumSet.of(KEYCLOAK)),
            PlatformService.WEB,
            PlatformService.GATEWAY);

    /** How long a service may take to become ready on a busy two-core machine. */
    static final Duration READY_WITHIN = Duration.ofSeconds(180);

    static Optional<PlatformService> named(String name) {
        return ALL.stream().filter(service -> service.name.equals(name)).findFirst();
    }

    /** Its ports' names in a {@link PortPlan}: {@code catalog} and {@code catalog.management} ({@code MUSIC_CATALOG_PORT}...). */
    String portName() {
        return name.replaceFirst("-service$", "");
    }

    String managementPortName() {
        return portName() + ".management";
    }

    /** The jar it runs, built by {@code mvn package} in its module under {@code root}, the checkout's top folder. */
    Path jar(Path root) {
        return ServiceLaunch.packagedJar(root.resolve(name));
    }

    /**
     * The folders its jar is built from: its module and the shared modules every service stands on.
     * A jar older than any file in them was built from other sources (an earlier checkout, before a pull).
     */
    private static final List<String> SHARED_SOURCES = List.of("pom.xml", "events-schema", "service-core", "service-postgres",
            "service-storage", "service-parent", "outbox");

    /** Whether its jar is missing or older than a source it is built from. */
    boolean outdated(Path root) {
        Path jar = jar(root);
        if (!Files.isRegularFile(jar)) {
            return true;
        }
        try {
            FileTime built = Files.getLastModifiedTime(jar);
            List<Path> sources = new ArrayList<>();
            sources.add(root.resolve(name).resolve("pom.xml"));
            sources.add(root.resolve(name).resolve("src/main"));
            SHARED_SOURCES.forEach(shared -> {
                Path path = root.resolve(shared);
                sources.add(Files.isDirectory(path) ? path.resolve("src/main") : path);
                if (Files.isDirectory(path)) {
                    sources.add(path.resolve("pom.xml"));
                }
            });
            for (Path source : sources) {
                if (!Files.exists(source)) {
                    continue;
                }
                try (Stream<Path> files = Files.walk(source)) {
                    if (files.filter(Files::isRegularFile).anyMatch(file -> newer(file, built))) {
                        return true;
                    }
                }
            }
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private static boolean newer(Path file, FileTime than) {
        try {
            return Files.getLastModifiedTime(file).compareTo(than) > 0;
        } catch (IOException e) {
            return true;
        }
    }

    /** The servers of {@link #needs} that are not among {@code servers}. */
    Set<ServerKind> missing(Set<ServerKind> servers) {
        Set<ServerKind> missing = EnumSet.noneOf(ServerKind.class);
        missing.addAll(needs);
        missing.removeAll(servers);
        return missing;
    }

    /**
     * Starts it on the given servers, with its log and pid file in {@code <directory>/services/}; returns
     * at once. Servers it uses that do not run are configured at a port where nothing answers;
     * {@code properties} configure it further (the gateway's routes).
     */
    ServiceProcess start(Path root, RealServers servers, Set<ServerKind> running, Ports ports, Map<String, String> properties) {
        Set<ServerKind> present = EnumSet.noneOf(ServerKind.class);
        present.addAll(needs);
        present.addAll(uses);
        Set<ServerKind> absent = EnumSet.noneOf(ServerKind.class);
        absent.addAll(present);
        present.retainAll(running);
        absent.removeAll(running);
        ServiceLaunch launch = ServiceLaunch.onServers(name, root.resolve(name), servers, present, absent, ports.http(), ports.management());
        Map<String, String> config = new LinkedHashMap<>(launch.properties());
        config.putAll(properties);
        return ServiceProcess.start(new ServiceLaunch(launch.name(), launch.jar(), launch.logFile(), launch.httpPort(),
                launch.managementPort(), config, launch.jvmOptions()));
    }

    /** Its ports, asked of the plan before any server starts, so that a taken one stops nothing. */
    record Ports(int http, int management) {
    }

    Ports ports(PortPlan plan) {
        return new Ports(plan.port(portName()), plan.port(managementPortName()));
    }

    /** What a person needs to reach it, in the order the platform command prints them. */
    Map<String, String> addresses(ServiceProcess process) {
        Map<String, String> addresses = new LinkedHashMap<>();
        addresses.put(apiPath.isEmpty() ? "url" : "api", process.baseUri() + apiPath);
        addresses.put("health", process.managementUri() + "/health/ready");
        addresses.put("metrics", process.managementUri() + "/metrics");
        if (!apiPath.isEmpty()) {
            addresses.put("openapi", process.managementUri() + "/openapi");
        }
        addresses.put("log", process.logFile().toString());
        return addresses;
    }
}
