package io.musicplatform.realservers;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.EnumMap;
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
            config.putAll(quarkusConfig(SharedRealServers.start(kinds), kinds));
        }
        config.putAll(absentConfig(absent));
        return config;
    }

    /** The Quarkus configuration that points a service at the given servers. */
    public static Map<String, String> quarkusConfig(RealServers servers, Set<ServerKind> kinds) {
        return configFor(kinds, new Addresses() {
            @Override
            public String kafkaBootstrapServers() {
                return servers.kafka().bootstrapServers();
            }

            @Override
            public String postgresJdbcUrl() {
                return servers.postgres().jdbcUrl();
            }

            @Override
            public String postgresReactiveUrl() {
                return servers.postgres().reactiveUrl();
            }

            @Override
            public String openSearchHostAndPort() {
                return servers.openSearch().hostAndPort();
            }

            @Override
            public String s3Endpoint() {
                return servers.s3().endpoint();
            }

            @Override
            public String realmUrl() {
                return servers.keycloak().realmUrl();
            }
        });
    }

    /**
     * The Quarkus configuration that points a service at servers that are down: each kind gets a
     * loopback port of its own where nothing listened when it was chosen (see the class comment for
     * the race), with every other setting (users, bucket, realm path) as for the real server.
     */
    public static Map<String, String> absentConfig(Set<ServerKind> kinds) {
        Map<ServerKind, String> hostAndPort = new EnumMap<>(ServerKind.class);
        kinds.forEach(kind -> hostAndPort.put(kind, "127.0.0.1:" + Ports.free()));
        return configFor(kinds, new Addresses() {
            @Override
            public String kafkaBootstrapServers() {
                return hostAndPort.get(ServerKind.KAFKA);
            }

            @Override
            public String postgresJdbcUrl() {
                return "jdbc:" + postgresReactiveUrl();
            }

            @Override
            public String postgresReactiveUrl() {
                return "postgresql://" + hostAndPort.get(ServerKind.POSTGRES) + "/" + PostgresServer.DATABASE;
            }

            @Override
            public String openSearchHostAndPort() {
                return hostAndPort.get(ServerKind.OPENSEARCH);
            }

            @Override
            public String s3Endpoint() {
                return "http://" + hostAndPort.get(ServerKind.S3);
            }

            @Override
            public String realmUrl() {
                return "http://" + hostAndPort.get(ServerKind.KEYCLOAK) + "/realms/" + KeycloakServer.REALM;
            }
        });
    }

    /** Where each server is, asked only for the kinds being configured. */
    private interface Addresses {
        String kafkaBootstrapServers();

        String postgresJdbcUrl();

        String postgresReactiveUrl();

        String openSearchHostAndPort();

        String s3Endpoint();

        String realmUrl();
    }

    /** The one place that knows which configuration keys point a service at each server. */
    private static Map<String, String> configFor(Set<ServerKind> kinds, Addresses addresses) {
        Map<String, String> config = new HashMap<>();
        for (ServerKind kind : kinds) {
            switch (kind) {
                case KAFKA -> config.put("kafka.bootstrap.servers", addresses.kafkaBootstrapServers());
                case POSTGRES -> {
                    config.put("quarkus.datasource.username", PostgresServer.USER);
                    config.put("quarkus.datasource.password", PostgresServer.PASSWORD);
                    config.put("quarkus.datasource.jdbc.url", addresses.postgresJdbcUrl());
                    config.put("quarkus.datasource.reactive.url", addresses.postgresReactiveUrl());
                }
                case OPENSEARCH -> config.put("quarkus.elasticsearch.hosts", addresses.openSearchHostAndPort());
                case S3 -> {
                    config.put("music.storage.endpoint", addresses.s3Endpoint());
                    config.put("music.storage.region", S3Server.REGION);
                    config.put("music.storage.bucket", S3Server.BUCKET);
                    config.put("music.storage.access-key", S3Server.ACCESS_KEY);
                    config.put("music.storage.secret-key", S3Server.SECRET_KEY);
                }
                case KEYCLOAK -> config.put("quarkus.oidc.auth-server-url", addresses.realmUrl());
            }
        }
        return config;
    }

    @Override
    public void stop() {
        // The servers are shared by every test of this JVM: they stop when it exits.
    }
}
