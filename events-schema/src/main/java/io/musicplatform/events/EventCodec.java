package io.musicplatform.events;

import java.util.List;
import java.util.function.Function;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads and writes one event type's wire format: JSON validated against the event's schema. The
 * Kafka (de)serializers use it, and so can a consumer that holds raw bytes, e.g. to decide whether a
 * record belongs on the dead-letter topic. Each codec compiles its schema once and is thread-safe.
 */
public final class EventCodec<T extends Event> {

    public static final EventCodec<TrackIngested> TRACK_INGESTED =
            new EventCodec<>(EventType.TRACK_INGESTED, TrackIngested.class, value -> null);
    /** Read by every play's consumer: a one-pass reader vouches for the usual documents ({@link TrackPlayedReader}). */
    public static final EventCodec<TrackPlayed> TRACK_PLAYED =
            new EventCodec<>(EventType.TRACK_PLAYED, TrackPlayed.class, TrackPlayedReader::read);
    public static final EventCodec<CatalogChanged> CATALOG_CHANGED =
            new EventCodec<>(EventType.CATALOG_CHANGED, CatalogChanged.class, value -> null);

    private final EventType type;
    private final Class<T> javaType;
    private final Schema schema;
    private final Function<byte[], T> onePass;

    /**
     * @param onePass reads a value in one pass and returns the event only when it can vouch that the
     *                schema accepts it, {@code null} otherwise; the schema validator judges those
     */
    private EventCodec(EventType type, Class<T> javaType, Function<byte[], T> onePass) {
        this.type = type;
        this.javaType = javaType;
        this.schema = EventJson.compileSchema(type);
        this.onePass = onePass;
    }

    public static EventCodec<? extends Event> of(EventType type) {
        return switch (type) {
            case TRACK_INGESTED -> TRACK_INGESTED;
            case TRACK_PLAYED -> TRACK_PLAYED;
            case CATALOG_CHANGED -> CATALOG_CHANGED;
        };
    }

    public EventType type() {
        return type;
    }

    /** The event as the JSON bytes that go into a record's value. */
    public byte[] encode(T event) {
        return EventJson.MAPPER.writeValueAsBytes(event);
    }

    /** Decodes a value read from this type's own topic. */
    public T decode(byte[] value) {
        return decode(type.topic(), value);
    }

    /**
     * Validates {@code value} against the schema and binds it; unknown fields are ignored.
     *
     * @param topic where the value was read from; only used in the error message
     * @throws InvalidEventException naming {@code topic} and every offending field
     */
    public T decode(String topic, byte[] value) {
        if (value != null && value.length > 0) {
            T read = onePass.apply(value);
            if (read != null) {
                return read;
            }
        }
        return decodeValidated(topic, value);
    }

    /** {@link #decode(String, byte[])} through the schema validator and a JSON tree alone: the reference the one-pass readers are tested against. */
    T decodeValidated(String topic, byte[] value) {
        JsonNode tree = parse(topic, value);
        List<String> violations = violations(tree);
        if (!violations.isEmpty()) {
            throw new InvalidEventException(topic, type, violations, null);
        }
        try {
            return EventJson.MAPPER.treeToValue(tree, javaType);
        } catch (JacksonException e) {
            // The schema passed but the record's constructor refused (e.g. a number too big for an int).
            throw new InvalidEventException(topic, type, List.of(describe(e)), e);
        }
    }

    /** Every reason {@code value} is not a valid event of this type; empty when it is valid. */
    public List<String> violations(byte[] value) {
        try {
            return violations(parse(type.topic(), value));
        } catch (InvalidEventException e) {
            return e.violations();
        }
    }

    private List<String> violations(JsonNode tree) {
        return schema.validate(tree).stream().map(EventCodec::describe).toList();
    }

    private JsonNode parse(String topic, byte[] value) {
        if (value == null || value.length == 0) {
            throw new InvalidEventException(topic, type, List.of("$: the value is empty"), null);
        }
        try {
            return EventJson.MAPPER.readTree(value);
        } catch (JacksonException e) {
            throw new InvalidEventException(topic, type, List.of("$: not JSON: " + e.getOriginalMessage()), e);
        }
    }

    private static String describe(Error error) {
        if ("required".equals(error.getKeyword())) {
            return error.getInstanceLocation().append(error.getProperty()) + ": required property missing";
        }
        return error.getInstanceLocation() + ": " + error.getMessage();
    }

    private static String describe(JacksonException e) {
        StringBuilder path = new StringBuilder("$");
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append('.').append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        String reason = e.getCause() != null ? e.getCause().getMessage() : e.getOriginalMessage();
        return path + ": " + reason;
    }
}
