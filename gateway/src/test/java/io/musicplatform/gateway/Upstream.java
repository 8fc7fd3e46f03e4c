package io.musicplatform.gateway;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A small HTTP server standing for a service behind the gateway: it answers what it received (method,
 * path and query, headers, body), streams Server-Sent Events on {@code /events} until the test releases
 * the second event, and never answers {@code /slow}. The playback route points at a port where nothing
 * listens. What the gateway does with real services is the end-to-end suite's to show; this checks the
 * proxy's own behaviour.
 */
public class Upstream implements QuarkusTestResourceLifecycleManager {

    /** Completing it lets the event stream send its second event and end. */
    static volatile CompletableFuture<Void> secondEvent = new CompletableFuture<>();

    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        HttpServer server = vertx.createHttpServer().requestHandler(request -> {
            switch (request.path()) {
                case "/api/catalog/slow" -> { }
                case "/api/catalog/events" -> {
                    request.response().setChunked(true).putHeader("Content-Type", "text/event-stream");
                    request.response().write("data: one\n\n");
                    secondEvent.thenRun(() -> vertx.runOnContext(ignored -> request.response().end("data: two\n\n")));
                }
                default -> request.body().onSuccess(body -> {
                    JsonObject headers = new JsonObject();
                    request.headers().forEach(header -> headers.put(header.getKey().toLowerCase(java.util.Locale.ROOT), header.getValue()));
                    request.response().setStatusCode(request.path().endsWith("/teapot") ? 418 : 200)
                            .putHeader("Content-Type", "application/json").putHeader("X-Upstream", "catalog")
                            .end(new JsonObject().put("method", request.method().name()).put("uri", request.uri())
                                    .put("headers", headers).put("body", body.toString()).encode());
                });
            }
        });
        try {
            server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            return Map.of("music.gateway.routes.catalog.origin", "http://127.0.0.1:" + server.actualPort(),
                    "music.gateway.routes.web.origin", "http://127.0.0.1:" + server.actualPort(),
                    "music.gateway.routes.playback.origin", "http://127.0.0.1:" + closedPort(),
                    "music.gateway.response-timeout", "PT1S");
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the upstream server", e);
        }
    }

    @Override
    public void stop() {
        secondEvent.complete(null);
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    /** A port nothing listens on: taken and released at once. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
