package io.musicplatform.benchmarks.load;

import io.vertx.core.http.HttpMethod;

import java.util.Objects;

/**
 * One request the {@link LoadGenerator} sends, beside the bearer token every request carries: a
 * {@code GET} of a path, or a {@code POST} of a JSON body (a play, a write) to it.
 *
 * @param method   {@code GET} or {@code POST}
 * @param path     the path and query, e.g. {@code /api/catalog/tracks?genre=pop}
 * @param jsonBody the body of a {@code POST}, sent as {@code application/json}; null for none
 */
public record Request(HttpMethod method, String path, String jsonBody) {

    public Request {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        if (!method.equals(HttpMethod.GET) && !method.equals(HttpMethod.POST)) {
            throw new IllegalArgumentException("The load generator sends GET and POST, not " + method);
        }
        if (method.equals(HttpMethod.GET) && jsonBody != null) {
            throw new IllegalArgumentException("A GET carries no body: " + path);
        }
    }

    public static Request get(String path) {
        return new Request(HttpMethod.GET, path, null);
    }

    public static Request post(String path, String jsonBody) {
        return new Request(HttpMethod.POST, path, jsonBody);
    }
}
