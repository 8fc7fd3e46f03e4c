package io.musicplatform.servicetesting;

import io.musicplatform.realservers.Ports;
import io.musicplatform.realservers.RealServers;
import io.musicplatform.realservers.ServerKind;
import io.musicplatform.realservers.ServiceConfig;
import io.musicplatform.realservers.ServiceLaunch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Starts a packaged service (the Quarkus fast-jar, {@code <module>/target/quarkus-app/quarkus-run.jar})
 * as a process of its own on the kit's servers. It does what a {@code @QuarkusTest}, which runs the
 * service inside the test JVM, cannot: kill the service with {@code kill -9} and start it again on
 * the same ports and data, run two replicas side by side, watch its shutdown.
 *
 * <pre>{@code
 * try (LaunchedService stats = ServiceLauncher.of(Path.of(""))       // the module's folder (the test's working directory)
 *         .withServers(SharedRealServers.start(kinds), kinds)
 *         .withProperty("quarkus.log.console.json.enabled", "false")   // any setting: here a plain-text log
 *         .start()
 *         .awaitReady(Duration.ofSeconds(90))) {
 *     ... stats.baseUri() ... stats.kill(); stats.restart().awaitReady(...) ...
 * }
 * }</pre>
 *
 * <p>Everything reaches the service as {@code -D} system properties, which outrank its
 * {@code application.properties} and environment variables: the kit's addresses (from
 * {@link ServiceConfig#of}), a free loopback HTTP port and management port
 * (chosen once, kept across restarts), and whatever {@link #withProperty} adds, which wins over
 * everything else. It runs on the test's own JDK, in the packaged ({@code prod}) profile, with its
 * output in {@code <module>/target/launched-services/<name>.log}. It carries the kit's watchdog agent
 * and its stdin is a pipe that only the test JVM holds, so it exits when the test JVM does, even
 * after a {@code kill -9} of the test JVM.
 *
 * <p>Package the service first: {@code mvn verify} runs the failsafe plugin's {@code *IT} tests after
 * {@code package}, which is where launcher tests belong.
 */
public final class ServiceLauncher {

    /** How many services each module's tests launched in this JVM, to give each its own log. */
    private static final Map<Path, AtomicInteger> LAUNCHED = new ConcurrentHashMap<>();

    private final Path moduleDir;
    private final Map<String, String> serverConfig = new LinkedHashMap<>();
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final List<String> jvmOptions = new ArrayList<>();
    private String name;

    private ServiceLauncher(Path moduleDir) {
        this.moduleDir = moduleDir.toAbsolutePath().normalize();
        this.name = this.moduleDir.getFileName().toString();
    }

    /** A launcher for the service built in {@code moduleDir} (the folder of its pom). */
    public static ServiceLauncher of(Path moduleDir) {
        return new ServiceLauncher(moduleDir);
    }

    /** Points the service at these running servers of the kit. */
    public ServiceLauncher withServers(RealServers servers, Set<ServerKind> kinds) {
        serverConfig.putAll(ServiceConfig.of(servers, kinds));
        return this;
    }

    /** Points the service at loopback ports where nothing listens for these servers, as the test resource's {@code absent} does. */
    public ServiceLauncher withAbsentServers(Set<ServerKind> kinds) {
        serverConfig.putAll(ServiceConfig.absent(kinds));
        return this;
    }

    /** Any configuration property of the service; wins over the servers' addresses and the chosen ports. */
    public ServiceLauncher withProperty(String key, String value) {
        properties.put(key, value);
        return this;
    }

    /** An option for the service's JVM, such as {@code -Xmx256m}. */
    public ServiceLauncher withJvmOption(String option) {
        jvmOptions.add(option);
        return this;
    }

    /** The name of its log file (the module's folder name by default); a second replica gets {@code <name>-2}. */
    public ServiceLauncher withName(String name) {
        this.name = name;
        return this;
    }

    /**
     * Starts the service on two free ports and returns at once; follow with {@link LaunchedService#awaitReady}.
     * Each call starts another replica with the same configuration, on ports and a log of its own.
     */
    public LaunchedService start() {
        Path jar = ServiceLaunch.packagedJar(moduleDir);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No packaged service at " + jar + ": package it first (mvn -B -pl "
                    + moduleDir.getFileName() + " -am package -DskipTests, or run launcher tests as *IT under mvn verify)");
        }
        int run = LAUNCHED.computeIfAbsent(moduleDir.resolve(name), key -> new AtomicInteger()).incrementAndGet();
        Path logFile = moduleDir.resolve("target/launched-services").resolve(run == 1 ? name + ".log" : name + "-" + run + ".log");
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.http.port", String.valueOf(Ports.free()));
        config.put("quarkus.management.port", String.valueOf(Ports.free()));
        config.putAll(serverConfig);
        config.putAll(properties);
        int httpPort = Integer.parseInt(config.remove("quarkus.http.port"));
        int managementPort = Integer.parseInt(config.remove("quarkus.management.port"));
        return LaunchedService.started(new ServiceLaunch(name, jar, logFile, httpPort, managementPort, config, jvmOptions));
    }
}
