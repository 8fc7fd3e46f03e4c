package io.musicplatform.events;

import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes an event as a JSON value with CloudEvents binary-mode headers. Subclasses only pick the
 * event type, so that Kafka and SmallRye can instantiate them by class name. They are value
 * serializers: configured for keys, they fail at once.
 *
 * <p>Config: {@value CloudEventHeaders#SOURCE_CONFIG} sets {@code ce_source} (default
 * {@value CloudEventHeaders#DEFAULT_SOURCE}).
 */
public abstract class EventSerializer<T extends Event> implements Serializer<T> {

    private final EventCodec<T> codec;
    private String source = CloudEventHeaders.DEFAULT_SOURCE;

    protected EventSerializer(EventCodec<T> codec) {
        this.codec = codec;
    }

    /** @throws ConfigException when configured for keys, or with a blank {@value CloudEventHeaders#SOURCE_CONFIG} */
    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (isKey) {
            // Fail at start-up rather than write a whole event where the trackId should be.
            throw new ConfigException(getClass().getSimpleName() + " writes record values only; "
                    + "use org.apache.kafka.common.serialization.StringSerializer for the key (the trackId)");
        }
        Object configured = configs.get(CloudEventHeaders.SOURCE_CONFIG);
        if (configured == null) {
            return;
        }
        String value = configured.toString().strip();
        if (value.isEmpty()) {
            throw new ConfigException(CloudEventHeaders.SOURCE_CONFIG, configured,
                    "must name the producing service, e.g. /playback-service, or be left out");
        }
        source = value;
    }

    /** Without headers there is nowhere to put the CloudEvents attributes: only the value is written. */
    @Override
    public byte[] serialize(String topic, T event) {
        return event == null ? null : codec.encode(event);
    }

    @Override
    public byte[] serialize(String topic, Headers headers, T event) {
        if (event == null) {
            return null;
        }
        CloudEventHeaders.write(headers, event, source);
        return codec.encode(event);
    }
}
