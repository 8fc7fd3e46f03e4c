package io.musicplatform.servicetesting;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;

import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A small HTTP server standing for what a proxy forwards to (a service behind the gateway, the
 * gateway behind the web app's relay), for tests of the proxy's own behaviour: it answers what it
 * received as JSON ({@code method}, {@code uri} with the query, lower-cased {@code headers},
 * {@code body}) with an {@code X-Upstream} header naming it; a path ending in {@code /teapot} gets a
 * 418; {@code streamPath} streams Server-Sent Events ("one", then "two" once the test releases it);
 * {@code silentPath} never answers.
 */
public final class EchoServer implements AutoCloseable {

    private final Vertx vertx;
    private final int port;
    private volatile CompletableFuture<Void> secondEvent = new CompletableFuture<>();

    private EchoServer(String name, String streamPath, String silentPath) {
        vertx = Vertx.vertx();
        HttpServer server = vertx.createHttpServer().requestHandler(request -> {
            if (request.path().equals(silentPath)) {
                return;
            }
            if (request.path().equals(streamPath)) {
                request.response().setChunked(true).putHeader("Content-Type", "text/event-stream");
                request.response().write("data: one\n\n");
                secondEvent.thenRun(() -> vertx.runOnContext(ignored -> request.response().end("data: two\n\n")));
                return;
            }
            request.body().onSuccess(body -> {
                JsonObject headers = new JsonObject();
                request.headers().forEach(header -> headers.put(header.getKey().toLowerCase(Locale.ROOT), header.getValue()));
                request.response().setStatusCode(request.path().endsWith("/teapot") ? 418 : 200)
                        .putHeader("Content-Type", "application/json").putHeader("X-Upstream", name)
                        .end(new JsonObject().put("method", request.method().name()).put("uri", request.uri())
                                .put("headers", headers).put("body", body.toString()).encode());
            });
        });
        try {
            port = server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException("Could not start the echo server " + name, e);
        }
    }

    /** Listening on a free loopback port; {@code silentPath} may be null. */
    public static EchoServer start(String name, String streamPath, String silentPath) {
        return new EchoServer(name, streamPath, silentPath);
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Makes the next event streams wait after their first event until the answer is completed. */
    public CompletableFuture<Void> holdSecondEvent() {
        secondEvent = new CompletableFuture<>();
        return secondEvent;
    }

    @Override
    public void close() {
        secondEvent.complete(null);
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
