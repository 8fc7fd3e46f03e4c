package io.musicplatform.web.relay;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.RoutingContext;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Sends one page call on to the gateway on Vert.x's HTTP client: the {@code /relay} prefix removed,
 * the user's token as bearer, the browser's cookies and CSRF header left out, hop-by-hop headers
 * dropped as HTTP requires, {@code X-Forwarded-*} kept as the gateway set them. The answer streams
 * back as it comes (piped, chunked when it has no length), so Server-Sent Events reach the page event
 * by event. When the gateway cannot be reached the page gets a problem+json 502, when it answers
 * nothing in time a 504.
 *
 * <p>Not Vert.x's reverse proxy: it refuses a request whose body was already read, and the CSRF check
 * reads a write's body first ({@link ApiRelay}), so a write's body is sent from that buffer.
 */
final class RelayForwarder {

    /** Headers that concern one connection only (RFC 9110 section 7.6.1), plus what the relay sets itself. */
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "keep-alive", "proxy-authenticate", "proxy-authorization",
            "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "host", "content-length", "cookie", "authorization",
            ApiRelay.CSRF_HEADER.toLowerCase(Locale.ROOT));
    private static final Set<String> NOT_RETURNED = Set.of("connection", "keep-alive", "proxy-authenticate", "proxy-connection",
            "te", "trailer", "transfer-encoding", "upgrade");

    private final HttpClient client;
    private final URI gateway;
    private final long idleTimeoutMillis;

    RelayForwarder(HttpClient client, URI gateway, Duration responseTimeout) {
        this.client = client;
        this.gateway = gateway;
        this.idleTimeoutMillis = responseTimeout.toMillis();
    }

    void forward(RoutingContext context, String accessToken) {
        HttpServerRequest incoming = context.request();
        HttpServerResponse outgoing = context.response();
        boolean ssl = "https".equals(gateway.getScheme());
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        incoming.headers().forEach(header -> {
            if (!NOT_FORWARDED.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                headers.add(header.getKey(), header.getValue());
            }
        });
        headers.set(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken);
        Buffer body = context.body().available() && context.body().buffer() != null ? context.body().buffer() : null;
        RequestOptions options = new RequestOptions()
                .setMethod(incoming.method())
                .setHost(gateway.getHost())
                .setPort(gateway.getPort() > 0 ? gateway.getPort() : ssl ? 443 : 80)
                .setSsl(ssl)
                .setURI(incoming.uri().substring(ApiRelay.PREFIX.length()))
                .setHeaders(headers)
                .setIdleTimeout(idleTimeoutMillis);
        client.request(options)
                .compose(request -> {
                    // A page that goes away (a closed stream) releases the gateway's connection too.
                    outgoing.closeHandler(closed -> request.reset());
                    return body == null ? request.send() : request.send(body);
                })
                .onSuccess(answer -> relayBack(answer, outgoing))
                .onFailure(failure -> {
                    if (outgoing.headWritten()) {
                        outgoing.reset();
                        return;
                    }
                    boolean slow = failure instanceof TimeoutException;
                    outgoing.setStatusCode(slow ? 504 : 502).putHeader(HttpHeaders.CONTENT_TYPE, RelayProblems.MEDIA_TYPE)
                            .end(slow ? RelayProblems.tooSlow(incoming.path(), idleTimeoutMillis) : RelayProblems.unreachable(incoming.path()));
                });
    }

    private static void relayBack(HttpClientResponse answer, HttpServerResponse outgoing) {
        outgoing.setStatusCode(answer.statusCode());
        answer.headers().forEach(header -> {
            if (!NOT_RETURNED.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                outgoing.headers().add(header.getKey(), header.getValue());
            }
        });
        if (!answer.headers().contains(HttpHeaders.CONTENT_LENGTH)) {
            outgoing.setChunked(true);
        }
        answer.pipeTo(outgoing);
    }
}
