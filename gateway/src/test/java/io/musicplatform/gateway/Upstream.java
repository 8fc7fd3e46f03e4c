package io.musicplatform.gateway;

import io.musicplatform.servicetesting.EchoServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

/**
 * An echo server standing for the services behind the gateway (service-testing's {@link EchoServer},
 * named "catalog"): catalog and web routes point at it, it streams events on
 * {@code /api/catalog/events} and never answers {@code /api/catalog/slow}; the playback route points
 * at a port where nothing listens. What the gateway does with real services is the end-to-end suite's
 * to show; this checks the proxy's own behaviour.
 */
public class Upstream implements QuarkusTestResourceLifecycleManager {

    static volatile EchoServer server;

    @Override
    public Map<String, String> start() {
        server = EchoServer.start("catalog", "/api/catalog/events", "/api/catalog/slow");
        try {
            return Map.of("music.gateway.routes.catalog.origin", server.url(),
                    "music.gateway.routes.web.origin", server.url(),
                    "music.gateway.routes.playback.origin", "http://127.0.0.1:" + closedPort(),
                    "music.gateway.response-timeout", "PT1S");
        } catch (IOException e) {
            throw new IllegalStateException("Could not find a closed port", e);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** A port nothing listens on: taken and released at once. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
