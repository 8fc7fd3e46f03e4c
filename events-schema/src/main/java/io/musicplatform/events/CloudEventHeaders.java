package io.musicplatform.events;

import java.util.Optional;

import org.apache.kafka.common.header.Headers;

/**
 * CloudEvents 1.0 Kafka protocol binding, binary mode: the event stays a plain JSON value and its
 * context attributes travel as {@code ce_*} headers, so standard tools can route and inspect
 * records without parsing them.
 */
public final class CloudEventHeaders {

    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String TIME = "ce_time";
    /** The binding maps the CloudEvents {@code datacontenttype} to this header. */
    public static final String CONTENT_TYPE = "content-type";

    public static final String SPEC_VERSION_VALUE = "1.0";
    public static final String JSON = "application/json";

    /** Serializer config key for {@code ce_source}; each service sets its own, e.g. {@code /playback-service}. */
    public static final String SOURCE_CONFIG = "cloudevents.source";
    public static final String DEFAULT_SOURCE = "/music-platform";

    private CloudEventHeaders() {
    }

    /** Sets every header for {@code event}, replacing values already there (e.g. on a re-send). */
    public static void write(Headers headers, Event event, String source) {
        HeaderText.replace(headers, SPEC_VERSION, SPEC_VERSION_VALUE);
        HeaderText.replace(headers, ID, event.eventId().toString());
        HeaderText.replace(headers, TYPE, EventType.of(event).cloudEventType());
        HeaderText.replace(headers, SOURCE, source);
        HeaderText.replace(headers, TIME, event.occurredAt().toString());
        HeaderText.replace(headers, CONTENT_TYPE, JSON);
    }

    /** The last value of header {@code name} as UTF-8 text, if present. */
    public static Optional<String> read(Headers headers, String name) {
        return HeaderText.last(headers, name);
    }
}
