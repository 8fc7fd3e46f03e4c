package io.musicplatform.benchmarks.notifications;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The ceiling of the streams' delay: a bare Server-Sent Events server on Vert.x, with nothing between
 * a message and its streams (no token, no database, no Kafka). {@code GET /stream} opens a stream (its
 * first event says so); {@code POST /echo/{n}} writes event {@code echo} with data {@code n} to every
 * open stream and answers 204 once it has.
 */
final class BareSseEcho implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final List<HttpServerResponse> streams = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    BareSseEcho() {
        server = vertx.createHttpServer().requestHandler(request -> {
            if (request.path().equals("/stream")) {
                HttpServerResponse response = request.response().setChunked(true)
                        .putHeader("Content-Type", "text/event-stream").putHeader("Cache-Control", "no-store");
                streams.add(response);
                response.closeHandler(closed -> streams.remove(response));
                response.write("event: ready\ndata: {}\n\n");
            } else if (request.path().startsWith("/echo/")) {
                String event = "event: echo\ndata: " + request.path().substring("/echo/".length()) + "\n\n";
                streams.forEach(stream -> stream.write(event));
                request.response().setStatusCode(204).end();
            } else {
                request.response().setStatusCode(404).end();
            }
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().orTimeout(30, TimeUnit.SECONDS).join();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.actualPort());
    }

    @Override
    public void close() {
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(30, TimeUnit.SECONDS).join();
    }
}
