package io.musicplatform.search.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.musicplatform.search.config.SearchConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NStringEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.ResponseListener;
import org.elasticsearch.client.RestClient;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * The Elasticsearch REST API, asynchronously: each call is one request of the low-level client,
 * answered as JSON on the caller's Vert.x context. A node that cannot be reached, or that is too busy
 * to take the request, is {@link IndexUnavailable}; any other refusal is {@link IndexRequestFailed}
 * with the index's status and reason.
 */
@ApplicationScoped
public class IndexClient {

    public static final ContentType NDJSON = ContentType.create("application/x-ndjson", "UTF-8");

    private final RestClient client;
    private final ObjectMapper json;
    private final SearchConfig config;

    public IndexClient(RestClient client, ObjectMapper json, SearchConfig config) {
        this.client = client;
        this.json = json;
        this.config = config;
    }

    public ObjectMapper json() {
        return json;
    }

    public ObjectNode object() {
        return json.createObjectNode();
    }

    public Uni<JsonNode> get(String endpoint) {
        return send("GET", endpoint, null, null, Map.of());
    }

    public Uni<JsonNode> send(String method, String endpoint, JsonNode body) {
        return send(method, endpoint, body == null ? null : body.toString(), ContentType.APPLICATION_JSON, Map.of());
    }

    public Uni<JsonNode> send(String method, String endpoint, JsonNode body, Map<String, String> parameters) {
        return send(method, endpoint, body == null ? null : body.toString(), ContentType.APPLICATION_JSON, parameters);
    }

    /** A {@code _bulk} request: one action line, and for most actions one source line, each ending with a newline. */
    public Uni<JsonNode> bulk(String ndjson) {
        return send("POST", "/_bulk", ndjson, NDJSON, Map.of());
    }

    /** Whether the index or alias exists (HEAD: 200 or 404). */
    public Uni<Boolean> exists(String endpoint) {
        return send("HEAD", endpoint, null, null, Map.of()).map(ignored -> true)
                .onFailure(IndexRequestFailed.class).recoverWithUni(failure -> ((IndexRequestFailed) failure).status() == 404
                        ? Uni.createFrom().item(false) : Uni.createFrom().failure(failure));
    }

    private Uni<JsonNode> send(String method, String endpoint, String body, ContentType type, Map<String, String> parameters) {
        Request request = new Request(method, endpoint);
        parameters.forEach(request::addParameter);
        if (body != null) {
            request.setEntity(new NStringEntity(body, type));
        }
        Context caller = Vertx.currentContext();
        return Uni.createFrom().<JsonNode>emitter(emitter -> client.performRequestAsync(request, new ResponseListener() {
                    @Override
                    public void onSuccess(Response response) {
                        if (response.getStatusLine().getStatusCode() == 404) {
                            // The client lets a HEAD request's 404 through as an answer: for us it is "not there".
                            deliver(caller, () -> emitter.fail(new IndexRequestFailed(404, "not_found", method + " " + endpoint + ": 404", null)));
                            return;
                        }
                        try {
                            JsonNode answer = read(response);
                            deliver(caller, () -> emitter.complete(answer == null ? json.nullNode() : answer));
                        } catch (IOException e) {
                            deliver(caller, () -> emitter.fail(new IndexUnavailable("The index answered unreadable JSON: " + e, e)));
                        }
                    }

                    @Override
                    public void onFailure(Exception exception) {
                        deliver(caller, () -> emitter.fail(translate(method, endpoint, exception)));
                    }
                }))
                .ifNoItem().after(config.index().requestTimeout())
                .failWith(() -> new IndexUnavailable(method + " " + endpoint + " got no answer within " + config.index().requestTimeout(), null));
    }

    private JsonNode read(Response response) throws IOException {
        if (response.getEntity() == null) {
            return null;
        }
        try (InputStream in = response.getEntity().getContent()) {
            return json.readTree(in);
        }
    }

    private Throwable translate(String method, String endpoint, Exception exception) {
        if (exception instanceof ResponseException refused) {
            int status = refused.getResponse().getStatusLine().getStatusCode();
            JsonNode body;
            try {
                body = read(refused.getResponse());
            } catch (IOException e) {
                body = null;
            }
            String reason = body == null ? "" : body.path("error").path("type").asText("") + ": "
                    + body.path("error").path("reason").asText(body.toString());
            if (status == 429 || status == 502 || status == 503 || status == 504) {
                return new IndexUnavailable(method + " " + endpoint + " was refused for now (" + status + " " + reason + ")", exception);
            }
            return new IndexRequestFailed(status, body == null ? "" : body.path("error").path("type").asText(""),
                    method + " " + endpoint + " failed with " + status + " " + reason, exception);
        }
        return new IndexUnavailable(method + " " + endpoint + " could not reach the index: " + exception, exception);
    }

    private static void deliver(Context caller, Runnable answer) {
        if (caller != null) {
            caller.runOnContext(ignored -> answer.run());
        } else {
            answer.run();
        }
    }

    /** The index cannot be reached or is too busy: try again later. */
    public static class IndexUnavailable extends RuntimeException {
        public IndexUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The index refused the request: a 4xx or 5xx with its error type. */
    public static class IndexRequestFailed extends RuntimeException {
        private final int status;
        private final String type;

        public IndexRequestFailed(int status, String type, String message, Throwable cause) {
            super(message, cause);
            this.status = status;
            this.type = type;
        }

        public int status() {
            return status;
        }

        public String type() {
            return type;
        }
    }
}
