package io.musicplatform.catalog.service;

import java.util.UUID;

/**
 * Why a playlist operation was refused. The REST layer turns each kind into its problem+json answer;
 * the service stays free of HTTP types.
 */
public abstract sealed class PlaylistException extends RuntimeException {

    private PlaylistException(String message) {
        super(message, null, false, false);
    }

    /** No such playlist, or a private one the caller may not see: the two look the same to the caller. */
    public static final class NotFound extends PlaylistException {
        public NotFound(String message) {
            super(message);
        }

        public static NotFound playlist(UUID id) {
            return new NotFound("No playlist has the id " + id + ", or it is private.");
        }
    }

    /** The caller sees the playlist but may not make this change. */
    public static final class NotAllowed extends PlaylistException {
        public NotAllowed(String message) {
            super(message);
        }
    }

    /** The edit was made on a version that is no longer the playlist's. */
    public static final class StaleVersion extends PlaylistException {
        private final long current;

        public StaleVersion(long sent, long current) {
            super("The playlist is at version " + current + ", not " + sent
                    + ": someone changed it since you read it. Read it again, then retry your change on the new version.");
            this.current = current;
        }

        public long current() {
            return current;
        }
    }

    /** The change is well-formed but cannot apply to this playlist: the field and what is wrong with it. */
    public static final class Unprocessable extends PlaylistException {
        private final String field;
        private final String reason;

        public Unprocessable(String field, String reason) {
            super(field + " " + reason);
            this.field = field;
            this.reason = reason;
        }

        public String field() {
            return field;
        }

        public String reason() {
            return reason;
        }
    }

    /** A share link that was valid once and is no longer. */
    public static final class Expired extends PlaylistException {
        public Expired(String message) {
            super(message);
        }
    }
}
