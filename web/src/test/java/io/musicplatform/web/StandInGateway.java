package io.musicplatform.web;

import io.musicplatform.servicetesting.EchoServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * An echo server in the gateway's place (service-testing's {@link EchoServer}): it answers what it
 * received and streams events on {@code /api/catalog/me/stream}. What the relay does with the real
 * gateway and services is the end-to-end suite's to show (WebPlayerIT); this checks what the relay
 * adds, strips and streams.
 */
public class StandInGateway implements QuarkusTestResourceLifecycleManager {

    static volatile EchoServer server;

    @Override
    public Map<String, String> start() {
        server = EchoServer.start("gateway", "/api/catalog/me/stream", null);
        return Map.of("music.web.gateway-url", server.url());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
