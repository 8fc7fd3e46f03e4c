package io.musicplatform.gateway.proxy;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.OriginRequestProvider;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * One route of the gateway: where its requests go and how they are passed on. The request goes as it
 * came (method, path, query, body, {@code Authorization}), with the {@code X-Forwarded-*} headers a
 * service behind a proxy expects; the response comes back streamed, so Server-Sent Events pass event
 * by event. When the service cannot be reached the client gets a problem+json 502, when it answers
 * nothing in time a 504.
 */
final class ServiceRoute implements OriginRequestProvider, ProxyInterceptor {

    private final String service;
    private final SocketAddress origin;
    private final long idleTimeoutMillis;

    ServiceRoute(String service, URI origin, Duration responseTimeout) {
        this.service = service;
        int port = origin.getPort() > 0 ? origin.getPort() : "https".equals(origin.getScheme()) ? 443 : 80;
        this.origin = SocketAddress.inetSocketAddress(port, origin.getHost());
        this.idleTimeoutMillis = responseTimeout.toMillis();
    }

    @Override
    public Future<io.vertx.core.http.HttpClientRequest> create(ProxyContext context) {
        return context.client().request(new RequestOptions().setServer(origin).setIdleTimeout(idleTimeoutMillis));
    }

    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
        HttpServerRequest incoming = context.request().proxiedRequest();
        MultiMap headers = context.request().headers();
        String client = incoming.remoteAddress() == null ? null : incoming.remoteAddress().hostAddress();
        if (client != null) {
            String before = headers.get("X-Forwarded-For");
            headers.set("X-Forwarded-For", before == null ? client : before + ", " + client);
        }
        headers.set("X-Forwarded-Proto", incoming.scheme());
        if (incoming.authority() != null) {
            headers.set("X-Forwarded-Host", incoming.authority().toString());
            headers.set("X-Forwarded-Port", Integer.toString(incoming.authority().port() > 0 ? incoming.authority().port()
                    : "https".equals(incoming.scheme()) ? 443 : 80));
        }
        String path = incoming.path();
        return context.sendRequest().recover(failure -> {
            boolean slow = failure instanceof TimeoutException;
            ProxyResponse problem = context.request().release().response()
                    .setStatusCode(slow ? 504 : 502)
                    .putHeader("Content-Type", GatewayProblems.MEDIA_TYPE)
                    .setBody(Body.body(slow ? GatewayProblems.tooSlow(service, path, idleTimeoutMillis)
                            : GatewayProblems.unreachable(service, path)));
            return Future.succeededFuture(problem);
        });
    }
}
