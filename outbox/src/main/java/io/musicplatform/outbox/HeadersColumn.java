package io.musicplatform.outbox;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import io.vertx.core.json.JsonObject;

/**
 * Record headers as the outbox's {@code headers} column keeps them: a JSON object from header name to
 * UTF-8 text, in the order the headers are sent. The outbox only holds the CloudEvents headers,
 * which are text and have one value per name.
 */
final class HeadersColumn {

    private HeadersColumn() {
    }

    static String toJson(Headers headers) {
        JsonObject json = new JsonObject();
        for (Header header : headers) {
            if (json.containsKey(header.key())) {
                throw new IllegalArgumentException("Header " + header.key() + " appears twice; the outbox keeps one value per name");
            }
            json.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        return json.encode();
    }

    static Headers fromJson(String text) {
        RecordHeaders headers = new RecordHeaders();
        for (Map.Entry<String, Object> header : new JsonObject(text)) {
            headers.add(header.getKey(), String.valueOf(header.getValue()).getBytes(StandardCharsets.UTF_8));
        }
        return headers;
    }
}
