package io.musicplatform.web.relay;

import io.musicplatform.web.config.WebConfig;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CSRFHandler;
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
 * <li>{@link RelayForwarder}, on Vert.x's HTTP client, which streams the answer back:
 *     Server-Sent Events reach the page event by event.</li>
 * </ol>
 * The browser's cookies stay here: the API gets the bearer token, never the session.
 */
@ApplicationScoped
public class ApiRelay {

    /** The page's calls: {@code /relay/api/search?q=...} is the API's {@code /api/search?q=...}. */
    public static final String PATH = "/relay/api";
    /** What the relay strips from the paths it forwards. */
    static final String PREFIX = "/relay";
    static final String CSRF_COOKIE = "XSRF-TOKEN";
    static final String CSRF_HEADER = "X-XSRF-TOKEN";

    void install(@Observes Router router, Vertx vertx, WebConfig config) {
        HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setMaxPoolSize(64));
        RelayForwarder forwarder = new RelayForwarder(client, config.gatewayUrl(), config.responseTimeout());
        // The CSRF check reads a write's form fields when the header is missing, so it needs the body
        // read first; the page's writes are small JSON documents (audio goes straight to the storage).
        BodyHandler writes = BodyHandler.create(false).setBodyLimit(config.maxWriteBodyBytes());
        router.route(PATH + "/*").method(HttpMethod.POST).method(HttpMethod.PUT).method(HttpMethod.PATCH).method(HttpMethod.DELETE)
                .handler(writes);
        router.route(PATH + "/*")
                .handler(csrf(vertx, config.csrf()))
                .handler(context -> signedIn(context).map(identity -> identity.getCredential(AccessTokenCredential.class))
                        .ifPresentOrElse(token -> forwarder.forward(context, token.getToken()), () -> context.response().setStatusCode(401)
                                .putHeader(HttpHeaders.CONTENT_TYPE, RelayProblems.MEDIA_TYPE).end(RelayProblems.signedOut(context.request().path()))))
                .failureHandler(ApiRelay::refused);
    }

    /** The CSRF protection the relay and the session endpoint share (one secret, one cookie). */
    public static CSRFHandler csrf(Vertx vertx, WebConfig.Csrf config) {
        return CSRFHandler.create(vertx, config.secret())
                .setCookieName(CSRF_COOKIE)
                .setHeaderName(CSRF_HEADER)
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

    /** What the CSRF handler refuses, as a problem the page can show. */
    private static void refused(RoutingContext context) {
        int status = context.statusCode() > 0 ? context.statusCode() : 500;
        if (status == 413 && !context.response().headWritten()) {
            context.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, RelayProblems.MEDIA_TYPE)
                    .end(RelayProblems.tooLarge(context.request().path()));
            return;
        }
        if (status != 403 || context.response().headWritten()) {
            context.next();
            return;
        }
        context.response().setStatusCode(403).putHeader(HttpHeaders.CONTENT_TYPE, RelayProblems.MEDIA_TYPE)
                .end(RelayProblems.csrfRefused(context.request().path()));
    }
}
