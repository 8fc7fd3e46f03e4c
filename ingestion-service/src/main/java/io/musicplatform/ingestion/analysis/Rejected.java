package io.musicplatform.ingestion.analysis;

/**
 * A file that is not audio ingestion can keep, with the reason in words an uploader can act on,
 * e.g. "the content is a PNG image, not audio". Nothing of a rejected file is kept.
 */
public class Rejected extends RuntimeException {

    /** Why, as a short code for metrics and clients: not-audio, unsupported, corrupt, truncated, empty, too-large. */
    private final String reason;

    public Rejected(String reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Rejected(String reason, String message, Throwable cause) {
        super(message, cause, false, false);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
