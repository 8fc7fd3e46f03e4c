package io.musicplatform.web.relay;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/**
 * The web app's own answers, as every service answers errors: {@code application/problem+json}
 * (RFC 9457), whose title the page shows as it is.
 */
public final class RelayProblems {

    public static final String MEDIA_TYPE = "application/problem+json";

    private RelayProblems() {
    }

    public static Buffer signedOut(String path) {
        return problem(401, "You are signed out", "Your session has ended or never began. Reload the page to sign in again.", path);
    }

    static Buffer csrfRefused(String path) {
        return problem(403, "This request did not come from the music player's page",
                "A write through the relay must carry the X-XSRF-TOKEN header with the value of the XSRF-TOKEN cookie."
                        + " Reload the page and try again.", path);
    }

    static Buffer tooLarge(String path) {
        return problem(413, "This request is too large for the web app",
                "Writes through the relay are small JSON documents; audio goes straight to the storage by a presigned URL.", path);
    }

    static Buffer unreachable(String path) {
        return problem(502, "The music platform is not answering",
                "The web app could not reach the public API; it may be starting or down. Try again in a few seconds.", path);
    }

    static Buffer tooSlow(String path, long waitedMillis) {
        return problem(504, "The music platform answered too slowly",
                "Nothing came back within " + waitedMillis + " ms. Try again; if it persists, the platform is overloaded.", path);
    }

    private static Buffer problem(int status, String title, String detail, String path) {
        return new JsonObject().put("type", "about:blank").put("title", title).put("status", status).put("detail", detail)
                .put("instance", path).toBuffer();
    }
}
