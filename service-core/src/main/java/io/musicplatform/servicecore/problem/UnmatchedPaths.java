package io.musicplatform.servicecore.problem;

import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * A path that no endpoint serves is answered as problem+json 404 too: REST hands such a request on
 * to the HTTP router, whose default answer would be a bare text page. Registered last, so it only
 * sees what nothing else took.
 */
public class UnmatchedPaths {

    void register(@Observes Router router) {
        router.route().order(Integer.MAX_VALUE).handler(context -> {
            Problem problem = Problem.of(404, "Not Found", "Nothing exists at this path.", context.request().path());
            context.response().setStatusCode(404)
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .end(Json.encode(problem));
        });
    }
}
