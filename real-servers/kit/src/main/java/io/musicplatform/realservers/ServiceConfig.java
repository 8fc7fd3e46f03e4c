package io.musicplatform.realservers;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The one place that knows which configuration keys point a service at each server of the kit, for
 * every way a service meets them: a {@code @QuarkusTest} ({@link RealServersTestResource}), a packaged
 * service launched as a process ({@link ServiceProcess}: the local platform, service-testing's
 * ServiceLauncher, the benchmarks).
 */
public final class ServiceConfig {

    private ServiceConfig() {
    }

    /** The Quarkus configuration that points a service at the given servers. */
    public static Map<String, String> of(RealServers servers, Set<ServerKind> kinds) {
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
     * loopback port of its own where nothing listened when it was chosen (see {@link RealServersTestResource} for
     * the race), with every other setting (users, bucket, realm path) as for the real server.
     */
    public static Map<String, String> absent(Set<ServerKind> kinds) {
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
}
