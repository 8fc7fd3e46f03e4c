package io.musicplatform.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The gateway's routes and timeouts ({@code music.gateway}, environment {@code MUSIC_GATEWAY_*}).
 * The routes are those of DESIGN.md section 2, the same table as the chart's Ingress: a path prefix
 * and the service behind it. Tokens are not checked here; the services check them.
 */
@ConfigMapping(prefix = "music.gateway")
public interface GatewayConfig {

    /**
     * Routes by name ({@code catalog}, {@code playback}...): {@code music.gateway.routes.<name>.path}
     * and {@code .origin}. A request goes to the route with the longest path prefix it starts with.
     */
    Map<String, Route> routes();

    /** How long the gateway waits to connect to a service before it answers 502. */
    @WithDefault("PT2S")
    Duration connectTimeout();

    /**
     * How long a service may stay silent (no response yet, or no data within a streamed response)
     * before the gateway gives up: 504 when nothing was answered yet. Server-Sent Events streams must
     * send something (a comment line will do) more often than this.
     */
    @WithDefault("PT30S")
    Duration responseTimeout();

    interface Route {

        /**
         * The path prefix, such as {@code /api/catalog}; {@code /} (the web app's) takes whatever no
         * other route takes outside {@code /api}.
         */
        String path();

        /** What its problems call it ({@code catalog-service is not answering}): by default {@code <name>-service}. */
        Optional<String> service();

        /** Where the service answers, such as {@code http://127.0.0.1:8081}. */
        URI origin();
    }
}
