package io.musicplatform.events;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** Kafka header values as UTF-8 text, the encoding both the CloudEvents binding and SmallRye use. */
final class HeaderText {

    private HeaderText() {
    }

    /** Replaces rather than adds, so that a record re-sent with its old headers carries one value per name. */
    static void replace(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    static Optional<String> last(Headers headers, String name) {
        if (headers == null) {
            return Optional.empty();
        }
        Header header = headers.lastHeader(name);
        if (header == null || header.value() == null) {
            return Optional.empty();
        }
        return Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }
}
