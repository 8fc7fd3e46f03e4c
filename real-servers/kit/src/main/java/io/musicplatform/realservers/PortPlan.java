package io.musicplatform.realservers;

import java.util.Map;

/**
 * Which loopback ports the servers listen on: free ones (tests, several runs side by side) or fixed
 * ones that people and tools can remember (the local platform).
 *
 * <p>Ports are named {@code kafka}, {@code kafka.controller}, {@code postgres}, {@code opensearch},
 * {@code opensearch.transport}, {@code s3}, {@code keycloak} and {@code keycloak.management}.
 * {@link RealServers} asks for each name once and keeps the answer for its own life, so that a
 * server stopped and started again comes back on the same port even from {@link #free()}, which
 * answers anew each time it is asked.
 */
public interface PortPlan {

    int port(String name);

    /** The environment variable that sets a fixed port: {@code MUSIC_KAFKA_CONTROLLER_PORT} for {@code kafka.controller}. */
    static String variable(String name) {
        return "MUSIC_" + name.toUpperCase(java.util.Locale.ROOT).replace('.', '_') + "_PORT";
    }

    static PortPlan free() {
        return name -> Ports.free();
    }

    /**
     * The given ports, each checked to be free, with the environment variable that overrides it
     * named in the error ({@code MUSIC_KAFKA_PORT} for {@code kafka}, and so on).
     */
    static PortPlan fixed(Map<String, Integer> ports) {
        return name -> {
            Integer port = ports.get(name);
            if (port == null) {
                throw new IllegalArgumentException("No port is configured for " + name);
            }
            Ports.requireFree(port, name, variable(name));
            return port;
        };
    }
}
