package io.musicplatform.realservers;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Gives a {@code @QuarkusTest} the real servers its service needs, started once per test JVM, and
 * hands their addresses to the application's configuration.
 *
 * <pre>{@code
 * @WithTestResource(value = RealServersTestResource.class,
 *         initArgs = @ResourceArg(name = RealServersTestResource.SERVERS, value = "kafka,postgres"))
 * }</pre>
 */
public class RealServersTestResource implements QuarkusTestResourceLifecycleManager {

    /** The init argument listing the servers, comma separated: kafka, postgres, opensearch, s3, keycloak. */
    public static final String SERVERS = "servers";

    private Set<ServerKind> kinds = Set.of();

    @Override
    public void init(Map<String, String> initArgs) {
        String servers = initArgs.get(SERVERS);
        if (servers == null || servers.isBlank()) {
            throw new IllegalArgumentException("Name the servers the test needs with @ResourceArg(name = \"servers\", value = \"kafka,postgres\")");
        }
        kinds = ServerKind.parseList(servers);
    }

    @Override
    public Map<String, String> start() {
        return quarkusConfig(SharedRealServers.start(kinds), kinds);
    }

    /** The Quarkus configuration that points a service at the given servers. */
    public static Map<String, String> quarkusConfig(RealServers servers, Set<ServerKind> kinds) {
        Map<String, String> config = new HashMap<>();
        for (ServerKind kind : kinds) {
            switch (kind) {
                case KAFKA -> config.put("kafka.bootstrap.servers", servers.kafka().bootstrapServers());
                case POSTGRES -> {
                    PostgresServer postgres = servers.postgres();
                    config.put("quarkus.datasource.username", PostgresServer.USER);
                    config.put("quarkus.datasource.password", PostgresServer.PASSWORD);
                    config.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl());
                    config.put("quarkus.datasource.reactive.url", postgres.reactiveUrl());
                }
                case OPENSEARCH -> config.put("quarkus.elasticsearch.hosts", servers.openSearch().hostAndPort());
                case S3 -> {
                    S3Server s3 = servers.s3();
                    config.put("music.storage.endpoint", s3.endpoint());
                    config.put("music.storage.region", S3Server.REGION);
                    config.put("music.storage.bucket", S3Server.BUCKET);
                    config.put("music.storage.access-key", S3Server.ACCESS_KEY);
                    config.put("music.storage.secret-key", S3Server.SECRET_KEY);
                }
                case KEYCLOAK -> config.put("quarkus.oidc.auth-server-url", servers.keycloak().realmUrl());
            }
        }
        return config;
    }

    @Override
    public void stop() {
        // The servers are shared by every test of this JVM: they stop when it exits.
    }
}
