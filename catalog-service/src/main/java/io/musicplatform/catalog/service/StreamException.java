package io.musicplatform.catalog.service;

import java.time.Duration;

/**
 * Why a stream could not open. The REST layer turns each kind into its problem+json answer; the
 * service stays free of HTTP types.
 */
public abstract sealed class StreamException extends RuntimeException {

    private StreamException(String message) {
        super(message, null, false, false);
    }

    /** A {@code Last-Event-ID} that is not a position this stream could have given. */
    public static final class BadPosition extends StreamException {
        public BadPosition(String message) {
            super(message);
        }
    }

    /** The listener already has as many streams open on this replica as one may. */
    public static final class TooManyStreams extends StreamException {
        private final Duration retryAfter;

        public TooManyStreams(int open, Duration retryAfter) {
            super("You already have " + open + " live streams open on this server, the most one listener may: close one"
                    + " you no longer read, then try again.");
            this.retryAfter = retryAfter;
        }

        /** When to try again: a hint, since a slot is free as soon as one of the listener's streams closes. */
        public Duration retryAfter() {
            return retryAfter;
        }
    }

    /** This replica is stopping: the client opens its stream on another (the load balancer no longer sends it here). */
    public static final class Stopping extends StreamException {
        public Stopping() {
            super("This server is stopping; open the stream again (with your last event id, if any) and another server answers.");
        }
    }
}
