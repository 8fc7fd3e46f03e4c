package io.musicplatform.realservers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How to start a packaged service (the Quarkus fast-jar) as a process of its own: see
 * {@link ServiceProcess}.
 *
 * @param name           what messages and the pid file call it, e.g. {@code catalog-service}
 * @param jar            its {@code quarkus-run.jar} ({@link #packagedJar})
 * @param logFile        where its output goes; its pid file is written beside it ({@code <name>.pid})
 * @param httpPort       its API port, on 127.0.0.1
 * @param managementPort its management port (health, metrics, OpenAPI), on 127.0.0.1
 * @param properties     any configuration of the service, as {@code -D} system properties, which
 *                       outrank its {@code application.properties} and the environment; they win
 *                       over the host and ports above too, so keep them consistent
 * @param jvmOptions     options for its JVM, such as {@code -Xmx256m}
 */
public record ServiceLaunch(String name, Path jar, Path logFile, int httpPort, int managementPort,
                            Map<String, String> properties, List<String> jvmOptions) {

    /** Where a service module's build leaves the jar to run. */
    public static final String PACKAGED_JAR = "target/quarkus-app/quarkus-run.jar";

    public ServiceLaunch {
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        jvmOptions = List.copyOf(jvmOptions);
    }

    /**
     * A service on the servers of {@code servers}, with its log and pid file in their directory's
     * {@code services/} folder (where {@link RealServers#down} finds it), the servers of {@code present}
     * configured at their addresses and those of {@code absent} at a port where nothing answers, and
     * its log in plain lines, for a person to read.
     */
    public static ServiceLaunch onServers(String name, Path moduleDir, RealServers servers, Set<ServerKind> present,
                                          Set<ServerKind> absent, int httpPort, int managementPort) {
        Map<String, String> config = new LinkedHashMap<>(ServiceConfig.of(servers, present));
        config.putAll(ServiceConfig.absent(absent));
        config.put("quarkus.log.console.json.enabled", "false");
        Path logFile = servers.directory().resolve(StaleProcesses.SERVICES_FOLDER).resolve(name + ".log");
        return new ServiceLaunch(name, packagedJar(moduleDir), logFile, httpPort, managementPort, config, List.of());
    }

    /** The packaged jar of the service module in {@code moduleDir} (the folder of its pom), built or not. */
    public static Path packagedJar(Path moduleDir) {
        return moduleDir.resolve(PACKAGED_JAR);
    }

    /** The pid file that lets {@link StaleProcesses} stop the service after a {@code kill -9} of its starter. */
    Path pidFile() {
        String log = logFile.getFileName().toString();
        return logFile.resolveSibling((log.endsWith(".log") ? log.substring(0, log.length() - 4) : log) + ".pid");
    }

    /**
     * {@code java -javaagent:<watchdog> <jvmOptions> -D<host and ports> -D<properties> -jar <jar>}, on
     * this JVM's own Java, in the packaged ({@code prod}) profile.
     */
    List<String> command() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.http.host", "127.0.0.1");
        config.put("quarkus.http.port", String.valueOf(httpPort));
        config.put("quarkus.management.host", "127.0.0.1");
        config.put("quarkus.management.port", String.valueOf(managementPort));
        config.putAll(properties);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-javaagent:" + ServerClasspath.watchdogAgent());
        command.addAll(jvmOptions);
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar.toString());
        return command;
    }
}
