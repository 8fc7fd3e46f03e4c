package io.musicplatform.events;

import java.io.Serial;
import java.util.List;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A record value that is not a valid event of its type: not JSON, or JSON that breaks the event's
 * schema. The message names the topic and every offending field, e.g.
 * {@code track-played record is not a valid TrackPlayed: $.userId: required property missing}; it is
 * what a consumer puts in the {@link DeadLetterHeaders#REASON} header.
 */
public class InvalidEventException extends SerializationException {

    @Serial
    private static final long serialVersionUID = 1L;

    /** Beyond this many, the message only says how many more there are; {@link #violations()} has all. */
    private static final int VIOLATIONS_IN_MESSAGE = 10;

    private final String topic;
    private final EventType eventType;
    @SuppressWarnings("serial") // always a List.copyOf result, which is serializable
    private final List<String> violations;

    public InvalidEventException(String topic, EventType eventType, List<String> violations, Throwable cause) {
        super(message(topic, eventType, violations), cause);
        this.topic = topic;
        this.eventType = eventType;
        this.violations = List.copyOf(violations);
    }

    public String topic() {
        return topic;
    }

    public EventType eventType() {
        return eventType;
    }

    /** One line per problem, each starting with the JSON path of the field, e.g. {@code $.context.country}. */
    public List<String> violations() {
        return violations;
    }

    private static String message(String topic, EventType eventType, List<String> violations) {
        String listed = String.join("; ", violations.subList(0, Math.min(violations.size(), VIOLATIONS_IN_MESSAGE)));
        int more = violations.size() - VIOLATIONS_IN_MESSAGE;
        return topic + " record is not a valid " + eventType.javaType().getSimpleName() + ": " + listed
                + (more > 0 ? "; and " + more + " more" : "");
    }
}
