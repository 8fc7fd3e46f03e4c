package io.musicplatform.events;

import java.util.Objects;
import java.util.Optional;

import org.apache.kafka.common.header.Headers;

/**
 * Headers that explain why a record was moved to {@code <topic>.dlq}. The names are the ones
 * SmallRye Reactive Messaging's {@code dead-letter-queue} failure strategy writes, so records sent by
 * that strategy and by a service's own consumer loop read the same way.
 */
public final class DeadLetterHeaders {

    public static final String REASON = "dead-letter-reason";
    public static final String CAUSE = "dead-letter-cause";
    public static final String EXCEPTION_CLASS_NAME = "dead-letter-exception-class-name";
    public static final String CAUSE_CLASS_NAME = "dead-letter-cause-class-name";
    public static final String TOPIC = "dead-letter-topic";
    public static final String PARTITION = "dead-letter-partition";
    public static final String OFFSET = "dead-letter-offset";

    private DeadLetterHeaders() {
    }

    /**
     * Adds the error headers to {@code headers}, which should already hold the original record's
     * headers (its {@code ce_*} headers stay useful on the dead-letter topic).
     */
    public static void write(Headers headers, String topic, int partition, long offset, Throwable error) {
        Objects.requireNonNull(error, "error");
        HeaderText.replace(headers, REASON, Objects.requireNonNullElse(error.getMessage(), error.getClass().getName()));
        HeaderText.replace(headers, EXCEPTION_CLASS_NAME, error.getClass().getName());
        Throwable cause = error.getCause();
        if (cause != null) {
            HeaderText.replace(headers, CAUSE, Objects.requireNonNullElse(cause.getMessage(), cause.getClass().getName()));
            HeaderText.replace(headers, CAUSE_CLASS_NAME, cause.getClass().getName());
        }
        HeaderText.replace(headers, TOPIC, topic);
        HeaderText.replace(headers, PARTITION, Integer.toString(partition));
        HeaderText.replace(headers, OFFSET, Long.toString(offset));
    }

    /** The last value of header {@code name} as UTF-8 text, if present. */
    public static Optional<String> read(Headers headers, String name) {
        return HeaderText.last(headers, name);
    }
}
