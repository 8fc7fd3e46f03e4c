package io.musicplatform.gateway.proxy;

import io.musicplatform.gateway.config.GatewayConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.proxy.handler.ProxyHandler;
import io.vertx.httpproxy.HttpProxy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Installs the routes of {@link GatewayConfig} on the HTTP server's router, the longest prefix first,
 * each on Vert.x's reverse proxy ({@link HttpProxy}) with one pooled client for all of them; a route
 * at {@code /} (the web app) takes every path outside {@code /api}. A path no route takes gets a
 * problem+json 404 that lists the routes.
 */
@ApplicationScoped
public class GatewayRoutes {

    private static final Logger LOG = Logger.getLogger(GatewayRoutes.class);
    /** Every path but {@code /api} and what is under it. */
    static final String OUTSIDE_API = "^(?!/api(/|$)).*";

    void install(@Observes Router router, Vertx vertx, GatewayConfig config) {
        HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                // Connections kept per service: requests in flight beyond them wait for one.
                .setMaxPoolSize(64));
        List<Map.Entry<String, GatewayConfig.Route>> routes = config.routes().entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, GatewayConfig.Route> route) -> route.getValue().path().length()).reversed())
                .toList();
        for (Map.Entry<String, GatewayConfig.Route> route : routes) {
            ServiceRoute service = new ServiceRoute(route.getValue().service().orElse(route.getKey() + "-service"),
                    route.getValue().origin(), config.responseTimeout());
            ProxyHandler proxy = ProxyHandler.create(HttpProxy.reverseProxy(client).origin(service).addInterceptor(service));
            String path = prefix(route.getValue().path());
            if (path.isEmpty()) {
                // The web app's route takes what no other route takes, except under /api: an unknown
                // API path gets the gateway's 404 below, not the web app's sign-in page.
                router.routeWithRegex(OUTSIDE_API).handler(proxy);
            } else {
                // "/api/catalog/*" takes /api/catalog and what is under it, not /api/catalogue.
                router.route(path + "/*").handler(proxy);
            }
            LOG.infof("Route %s/* -> %s (%s)", path, route.getValue().origin(), route.getKey());
        }
        String prefixes = routes.stream().map(route -> prefix(route.getValue().path()) + "/*").collect(Collectors.joining(", "));
        router.route().handler(context -> context.response().setStatusCode(404).putHeader("Content-Type", GatewayProblems.MEDIA_TYPE)
                .end(GatewayProblems.noRoute(context.request().path(), prefixes)));
    }

    /** The prefix without a trailing slash: "/" becomes "", "/api/catalog/" becomes "/api/catalog". */
    private static String prefix(String path) {
        String trimmed = path.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }
}
