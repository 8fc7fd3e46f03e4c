package io.musicplatform.ingestion.service;

import java.util.UUID;

/** Why ingestion refused a request, each one answered with its own problem+json status. */
public sealed class IngestionRefused extends RuntimeException {

    IngestionRefused(String message) {
        super(message, null, false, false);
    }

    /** 404 */
    public static final class NoSuchUpload extends IngestionRefused {
        public NoSuchUpload(UUID id) {
            super("No upload " + id + " is pending: it was never announced, was refused, or expired. Announce it again with POST /uploads.");
        }
    }

    /** 404 */
    public static final class NoSuchTrack extends IngestionRefused {
        public NoSuchTrack(UUID id) {
            super("No track " + id + " exists.");
        }
    }

    /** 404 */
    public static final class NoSuchJob extends IngestionRefused {
        public NoSuchJob(UUID id) {
            super("No job " + id + " exists.");
        }
    }

    /** 409: complete called again. */
    public static final class AlreadyCompleted extends IngestionRefused {
        public final UUID trackId;

        public AlreadyCompleted(UUID upload, UUID trackId) {
            super("Upload " + upload + " was already completed as track " + trackId + ".");
            this.trackId = trackId;
        }
    }

    /** 409: complete before the PUT. */
    public static final class NotUploaded extends IngestionRefused {
        public NotUploaded(UUID upload) {
            super("Nothing was uploaded for upload " + upload + ": PUT the file to its uploadUrl (before it expires), then complete it.");
        }
    }

    /** 400 on one field. */
    public static final class InvalidField extends IngestionRefused {
        public final String field;

        public InvalidField(String field, String message) {
            super(message);
            this.field = field;
        }
    }

    /** 413: the file itself is over a limit. */
    public static final class TooLarge extends IngestionRefused {
        public TooLarge(String message) {
            super(message);
        }
    }
}
