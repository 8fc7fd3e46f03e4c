package io.musicplatform.web;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A small HTTP server in the gateway's place: it answers what it received (method, path and query,
 * headers, body) and streams Server-Sent Events on {@code /api/catalog/me/stream} until the test
 * releases the second event. What the relay does with the real gateway and services is the
 * end-to-end suite's to show (WebPlayerIT); this checks what the relay adds, strips and streams.
 */
public class StandInGateway implements QuarkusTestResourceLifecycleManager {

    /** Completing it lets the event stream send its second event and end. */
    static volatile CompletableFuture<Void> secondEvent = new CompletableFuture<>();

    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        HttpServer server = vertx.createHttpServer().requestHandler(request -> {
            if (request.path().equals("/api/catalog/me/stream")) {
                request.response().setChunked(true).putHeader("Content-Type", "text/event-stream");
                request.response().write("data: one\n\n");
                secondEvent.thenRun(() -> vertx.runOnContext(ignored -> request.response().end("data: two\n\n")));
                return;
            }
            request.body().onSuccess(body -> {
                JsonObject headers = new JsonObject();
                request.headers().forEach(header -> headers.put(header.getKey().toLowerCase(Locale.ROOT), header.getValue()));
                request.response().putHeader("Content-Type", "application/json")
                        .end(new JsonObject().put("method", request.method().name()).put("uri", request.uri())
                                .put("headers", headers).put("body", body.toString()).encode());
            });
        });
        try {
            server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the stand-in gateway", e);
        }
        return Map.of("music.web.gateway-url", "http://127.0.0.1:" + server.actualPort());
    }

    @Override
    public void stop() {
        secondEvent.complete(null);
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }
}
