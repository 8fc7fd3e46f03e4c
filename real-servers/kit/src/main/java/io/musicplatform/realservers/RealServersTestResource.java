package io.musicplatform.realservers;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Gives a {@code @QuarkusTest} the real servers its service needs, started once per test JVM, and
 * hands their addresses to the application's configuration.
 *
 * <pre>{@code
 * @WithTestResource(value = RealServersTestResource.class,
 *         initArgs = @ResourceArg(name = RealServersTestResource.SERVERS, value = "kafka,postgres"))
 * }</pre>
 *
 * <p><b>A server absent.</b> To prove how a service behaves when one of its stores is down (not
 * ready, clear errors, no crash), name that store in {@code absent} instead of {@code servers}: the
 * service is then configured with a loopback port where nothing listens, and that server is not
 * started at all. {@code keycloak} absent points {@code quarkus.oidc.auth-server-url} at such a port.
 *
 * <pre>{@code
 * @WithTestResource(value = RealServersTestResource.class, initArgs = {
 *         @ResourceArg(name = RealServersTestResource.SERVERS, value = "kafka"),
 *         @ResourceArg(name = RealServersTestResource.ABSENT, value = "postgres")})
 * }</pre>
 *
 * The port was free when it was chosen, below the kernel's ephemeral range (so no outgoing
 * connection of this machine can take it) and is never handed to a server of this JVM; another
 * process could still start listening on it during the test. That race is small and only ever
 * makes such a test fail, never pass wrongly.
 */
public class RealServersTestResource implements QuarkusTestResourceLifecycleManager {

    /** The init argument listing the servers, comma separated: kafka, postgres, opensearch, s3, keycloak. */
    public static final String SERVERS = "servers";

    /** The init argument listing the servers to configure at a port where nothing answers, same syntax as {@link #SERVERS}. */
    public static final String ABSENT = "absent";

    private Set<ServerKind> kinds = Set.of();
    private Set<ServerKind> absent = Set.of();

    @Override
    public void init(Map<String, String> initArgs) {
        kinds = parse(initArgs.get(SERVERS));
        absent = parse(initArgs.get(ABSENT));
        if (kinds.isEmpty() && absent.isEmpty()) {
            throw new IllegalArgumentException("Name the servers the test needs with @ResourceArg(name = \"servers\", value = \"kafka,postgres\")"
                    + " (and those that must be down with @ResourceArg(name = \"absent\", value = \"...\"))");
        }
        Set<ServerKind> both = EnumSet.noneOf(ServerKind.class);
        both.addAll(kinds);
        both.retainAll(absent);
        if (!both.isEmpty()) {
            String named = both.stream().map(ServerKind::label).collect(Collectors.joining(", "));
            throw new IllegalArgumentException(named + " cannot be both started (\"" + SERVERS + "\") and absent (\"" + ABSENT
                    + "\"): remove " + named + " from one of the two lists");
        }
    }

    private static Set<ServerKind> parse(String labels) {
        return labels == null || labels.isBlank() ? Set.of() : ServerKind.parseList(labels);
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        if (!kinds.isEmpty()) {
            config.putAll(ServiceConfig.of(SharedRealServers.start(kinds), kinds));
        }
        config.putAll(ServiceConfig.absent(absent));
        return config;
    }

    /** The Quarkus configuration that points a service at the given servers; see {@link ServiceConfig#of}. */
    public static Map<String, String> quarkusConfig(RealServers servers, Set<ServerKind> kinds) {
        return ServiceConfig.of(servers, kinds);
    }

    /** The configuration that points a service at servers that are down; see {@link ServiceConfig#absent}. */
    public static Map<String, String> absentConfig(Set<ServerKind> kinds) {
        return ServiceConfig.absent(kinds);
    }

    @Override
    public void stop() {
        // The servers are shared by every test of this JVM: they stop when it exits.
    }
}
