package io.musicplatform.gateway.proxy;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/**
 * The gateway's own answers, as every service answers errors: {@code application/problem+json}
 * (RFC 9457) with a title that says what was wrong and a detail that says what to do.
 */
final class GatewayProblems {

    static final String MEDIA_TYPE = "application/problem+json";

    private GatewayProblems() {
    }

    /** The service could not be reached: down, starting, or not deployed. */
    static Buffer unreachable(String service, String path) {
        return problem(502, service + " is not answering",
                "The gateway could not reach " + service + "; it may be starting or down. Try again in a few seconds.", path);
    }

    /** The service accepted the request but answered nothing in time. */
    static Buffer tooSlow(String service, String path, long waitedMillis) {
        return problem(504, service + " answered too slowly",
                service + " sent nothing within " + waitedMillis + " ms. Try again; if it persists, the service is overloaded.", path);
    }

    /** No route starts the path. */
    static Buffer noRoute(String path, String prefixes) {
        return problem(404, "No service at this path", "The gateway routes " + prefixes + "; " + path + " is under none of them.", path);
    }

    private static Buffer problem(int status, String title, String detail, String path) {
        return new JsonObject().put("type", "about:blank").put("title", title).put("status", status).put("detail", detail)
                .put("instance", path).toBuffer();
    }
}
