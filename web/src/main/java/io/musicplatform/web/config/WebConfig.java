package io.musicplatform.web.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;

/**
 * The web app's own settings ({@code music.web}, environment {@code MUSIC_WEB_*}). Sign-in itself is
 * quarkus-oidc's ({@code quarkus.oidc.*} in application.properties: the realm, the client, the session
 * cookie and its encryption secret); these are what the relay and the page's CSRF protection need.
 */
@ConfigMapping(prefix = "music.web")
public interface WebConfig {

    /**
     * The public API the relay forwards to: the gateway on the local platform, the Ingress in
     * Kubernetes. {@code /relay/api/search} goes to {@code <gateway-url>/api/search}.
     */
    @WithDefault("http://127.0.0.1:8080")
    URI gatewayUrl();

    /** How long the relay waits to connect to the gateway before it answers 502. */
    @WithDefault("PT2S")
    Duration connectTimeout();

    /**
     * How long the API may stay silent (no answer yet, or nothing within a stream) before the relay
     * gives up: 504 when nothing was answered yet. Longer than the gateway's own, so that the gateway's
     * clearer problem arrives first.
     */
    @WithDefault("PT35S")
    Duration responseTimeout();

    /**
     * The largest body of a write the relay accepts (it reads it whole for the CSRF check): the page's
     * writes are small JSON documents; audio goes straight to the storage by presigned URL.
     */
    @WithDefault("1048576")
    long maxWriteBodyBytes();

    /** The CSRF protection of the relay's writes (double-submit token, signed). */
    Csrf csrf();

    interface Csrf {

        /**
         * The key that signs the CSRF tokens: at least 32 random characters in production
         * ({@code MUSIC_WEB_CSRF_SECRET}); every replica must share it.
         */
        String secret();

        /** How long a token stays valid; the page gets a fresh one with every read through the relay. */
        @WithDefault("PT8H")
        Duration lifetime();

        /** Whether the token cookie is marked {@code Secure} (sent over HTTPS only): on behind an HTTPS Ingress. */
        @WithDefault("false")
        boolean secureCookie();
    }
}
