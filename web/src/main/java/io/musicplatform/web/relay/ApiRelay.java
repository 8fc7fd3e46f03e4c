package io.musicplatform.web.relay;

import io.musicplatform.web.config.WebConfig;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.CSRFHandler;
import io.vertx.ext.web.proxy.handler.ProxyHandler;
import io.vertx.httpproxy.HttpProxy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Optional;

/**
 * The one route through which the page reaches the public API: {@code /relay/api/*} goes to the
 * gateway's {@code /api/*} with the signed-in user's access token as {@code Authorization: Bearer},
 * so the page's JavaScript never sees a token. In order, a request meets:
 * <ol>
 * <li>quarkus-oidc, which has already read the encrypted session cookie (and refreshed an expired
 *     access token) before this route runs;</li>
 * <li>Vert.x's {@link CSRFHandler}: every read hands the page a signed token in the {@code XSRF-TOKEN}
 *     cookie, and a write (POST, PUT, PATCH, DELETE) must echo it in the {@code X-XSRF-TOKEN} header,
 *     which another site's page cannot read nor send; 403 otherwise;</li>
 * <li>the session check: 401 without a signed-in user (a page answers a 302 to Keycloak instead; a
 *     script call wants a status it can act on);</li>
 * <li>Vert.x's reverse proxy ({@link RelayTarget}), which streams both ways: Server-Sent Events reach
 *     the page event by event.</li>
 * </ol>
 * The browser's cookies stay here: the API gets the bearer token, never the session.
 */
@ApplicationScoped
public class ApiRelay {

    /** The page's calls: {@code /relay/api/search?q=...} is the API's {@code /api/search?q=...}. */
    public static final String PATH = "/relay/api";
    /** What the relay strips from the paths it forwards. */
    static final String PREFIX = "/relay";

    void install(@Observes Router router, Vertx vertx, WebConfig config) {
        HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setMaxPoolSize(64));
        RelayTarget target = new RelayTarget(config.gatewayUrl(), config.responseTimeout());
        ProxyHandler proxy = ProxyHandler.create(HttpProxy.reverseProxy(client).origin(target).addInterceptor(target));
        router.route(PATH + "/*")
                .handler(csrf(vertx, config.csrf()))
                .handler(ApiRelay::withAccessToken)
                .handler(proxy)
                .failureHandler(ApiRelay::refused);
    }

    /** The CSRF protection the relay and the session endpoint share (one secret, one cookie). */
    public static CSRFHandler csrf(Vertx vertx, WebConfig.Csrf config) {
        return CSRFHandler.create(vertx, config.secret())
                .setCookieName("XSRF-TOKEN")
                .setHeaderName("X-XSRF-TOKEN")
                .setCookiePath("/")
                // The page's script reads it to echo it in the header: that is the point of the double submit.
                .setCookieHttpOnly(false)
                .setCookieSecure(config.secureCookie())
                .setTimeout(config.lifetime().toMillis());
    }

    /** The signed-in user's identity, when the session cookie holds one. */
    public static Optional<SecurityIdentity> signedIn(RoutingContext context) {
        if (context.user() instanceof QuarkusHttpUser user && !user.getSecurityIdentity().isAnonymous()) {
            return Optional.of(user.getSecurityIdentity());
        }
        return Optional.empty();
    }

    /** Puts the user's access token on the request to forward, and keeps the browser's cookies back. */
    private static void withAccessToken(RoutingContext context) {
        Optional<AccessTokenCredential> token = signedIn(context).map(identity -> identity.getCredential(AccessTokenCredential.class));
        if (token.isEmpty()) {
            context.response().setStatusCode(401).putHeader(HttpHeaders.CONTENT_TYPE, RelayProblems.MEDIA_TYPE)
                    .end(RelayProblems.signedOut(context.request().path()));
            return;
        }
        var headers = context.request().headers();
        headers.set(HttpHeaders.AUTHORIZATION, "Bearer " + token.get().getToken());
        headers.remove(HttpHeaders.COOKIE);
        headers.remove("X-XSRF-TOKEN");
        context.next();
    }

    /** What the CSRF handler refuses, as a problem the page can show. */
    private static void refused(RoutingContext context) {
        int status = context.statusCode() > 0 ? context.statusCode() : 500;
        if (status != 403 || context.response().headWritten()) {
            context.next();
            return;
        }
        context.response().setStatusCode(403).putHeader(HttpHeaders.CONTENT_TYPE, RelayProblems.MEDIA_TYPE)
                .end(RelayProblems.csrfRefused(context.request().path()));
    }
}
