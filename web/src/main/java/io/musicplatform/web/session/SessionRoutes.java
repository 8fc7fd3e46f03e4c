package io.musicplatform.web.session;

import io.musicplatform.web.config.WebConfig;
import io.musicplatform.web.relay.ApiRelay;
import io.musicplatform.web.relay.RelayProblems;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * {@code GET /session}: who is signed in and their realm roles, for the page's header and its operator
 * links ({@code {"username": "operator", "roles": ["admin", "user", ...]}}), or
 * 401 when nobody is. The page calls it first, which also hands it its CSRF token cookie. It says
 * nothing of the tokens themselves. Signing out is quarkus-oidc's {@code /logout}.
 */
@ApplicationScoped
public class SessionRoutes {

    public static final String PATH = "/session";

    void install(@Observes Router router, Vertx vertx, WebConfig config) {
        router.get(PATH).handler(ApiRelay.csrf(vertx, config.csrf())).handler(context -> {
            context.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
            ApiRelay.signedIn(context).ifPresentOrElse(
                    identity -> context.json(new JsonObject().put("username", identity.getPrincipal().getName())
                            .put("roles", new JsonArray(identity.getRoles().stream().sorted().toList()))),
                    () -> context.response().setStatusCode(401).putHeader(HttpHeaders.CONTENT_TYPE, RelayProblems.MEDIA_TYPE)
                            .end(RelayProblems.signedOut(PATH)));
        });
    }
}
