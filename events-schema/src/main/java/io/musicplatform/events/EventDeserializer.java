package io.musicplatform.events;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads an event from a JSON value, validating it against the event's schema. A record that is not
 * a valid event fails with {@link InvalidEventException}; a null value (a tombstone) reads as null.
 * Subclasses only pick the event type, so that Kafka and SmallRye can instantiate them by class name.
 * They are value deserializers: configured for keys, they fail at once.
 */
public abstract class EventDeserializer<T extends Event> implements Deserializer<T> {

    private final EventCodec<T> codec;
    private final byte[] expectedType;

    protected EventDeserializer(EventCodec<T> codec) {
        this.codec = codec;
        this.expectedType = codec.type().cloudEventType().getBytes(StandardCharsets.UTF_8);
    }

    /** @throws ConfigException when configured for keys */
    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (isKey) {
            // Fail at start-up rather than on every record, whose key is a trackId, not an event.
            throw new ConfigException(getClass().getSimpleName() + " reads record values only; "
                    + "use org.apache.kafka.common.serialization.StringDeserializer for the key (the trackId)");
        }
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        return data == null ? null : codec.decode(topic, data);
    }

    /** Also rejects a record whose {@code ce_type} header says it is another event type. */
    @Override
    public T deserialize(String topic, Headers headers, byte[] data) {
        if (data == null) {
            return null;
        }
        // The header's bytes against the expected type's: no String per record on the consumer's hot path.
        Header type = headers == null ? null : headers.lastHeader(CloudEventHeaders.TYPE);
        if (type != null && type.value() != null && !Arrays.equals(type.value(), expectedType)) {
            throw new InvalidEventException(topic, codec.type(), List.of(CloudEventHeaders.TYPE + " header is '"
                    + new String(type.value(), StandardCharsets.UTF_8) + "', expected '" + codec.type().cloudEventType() + "'"), null);
        }
        return codec.decode(topic, data);
    }
}
