package io.musicplatform.web.relay;

import io.vertx.core.Future;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.HostAndPort;
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
 * Where the relay sends a request and how: to the gateway, with the {@code /relay} prefix removed and
 * the gateway's own host as the authority (an Ingress routes by host). When the gateway cannot be
 * reached the page gets a problem+json 502, when it answers nothing in time a 504.
 */
final class RelayTarget implements OriginRequestProvider, ProxyInterceptor {

    private final SocketAddress origin;
    private final HostAndPort authority;
    private final boolean ssl;
    private final long idleTimeoutMillis;

    RelayTarget(URI gateway, Duration responseTimeout) {
        this.ssl = "https".equals(gateway.getScheme());
        int port = gateway.getPort() > 0 ? gateway.getPort() : ssl ? 443 : 80;
        this.origin = SocketAddress.inetSocketAddress(port, gateway.getHost());
        this.authority = HostAndPort.create(gateway.getHost(), port);
        this.idleTimeoutMillis = responseTimeout.toMillis();
    }

    @Override
    public Future<HttpClientRequest> create(ProxyContext context) {
        return context.client().request(new RequestOptions().setServer(origin).setSsl(ssl).setIdleTimeout(idleTimeoutMillis));
    }

    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
        String path = context.request().proxiedRequest().path();
        context.request().setURI(context.request().getURI().substring(ApiRelay.PREFIX.length()));
        context.request().setAuthority(authority);
        return context.sendRequest().recover(failure -> {
            boolean slow = failure instanceof TimeoutException;
            ProxyResponse problem = context.request().release().response()
                    .setStatusCode(slow ? 504 : 502)
                    .putHeader("Content-Type", RelayProblems.MEDIA_TYPE)
                    .setBody(Body.body(slow ? RelayProblems.tooSlow(path, idleTimeoutMillis) : RelayProblems.unreachable(path)));
            return Future.succeededFuture(problem);
        });
    }
}
