package io.musicplatform.playback.rest;

import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What the play API reads and answers. */
public final class PlayViews {

    private PlayViews() {
    }

    /** Where the listener plays, both optional: lowercase words, {@code unknown} when not said. */
    @Schema(name = "PlayRequest")
    public record PlayRequest(
            @Pattern(regexp = WORD, message = WORD_MESSAGE) @Schema(nullable = true, examples = "web") String platform,
            @Pattern(regexp = WORD, message = WORD_MESSAGE) @Schema(nullable = true, examples = "computer") String device) {
    }

    static final String WORD = "[a-z0-9][a-z0-9_-]{0,31}";
    static final String WORD_MESSAGE = "must be a lowercase word of at most 32 letters, digits, '-' or '_', such as web or phone";

    /** A granted play: stream the audio from {@code streamUrl} until {@code expiresAt}; the play is counted once. */
    @Schema(name = "PlayGrant")
    public record PlayGrant(
            @Schema(description = "The play's id: the eventId of its TrackPlayed, and what a retry with the same Idempotency-Key gets back")
            UUID playId,
            @Schema(description = "A signed GET URL of the audio at the storage; Range requests work") URI streamUrl,
            Instant expiresAt,
            TrackSummary track) {
    }

    @Schema(name = "PlayedTrack")
    public record TrackSummary(UUID id, @Schema(examples = "Tout le bonheur du monde") String title,
                               @Schema(description = "Main artist first") List<String> artists,
                               @Schema(nullable = true, examples = "chanson") String genre,
                               @Schema(examples = "214000") long durationMs,
                               @Schema(examples = "audio/mpeg") String contentType) {
    }

    /** An offline licence; its download URL appears when it is issued or renewed. */
    @Schema(name = "OfflineLicence")
    public record LicenceView(
            UUID id,
            UUID trackId,
            Instant issuedAt,
            @Schema(description = "The licence ends then; renew its URL before, download again after") Instant expiresAt,
            @Schema(examples = "ACTIVE") State state,
            @Schema(nullable = true, description = "Who revoked it: LISTENER or TAKEN_DOWN") String revokedBy,
            @Schema(nullable = true, description = "A signed URL of the audio, bound to this licence") URI downloadUrl,
            @Schema(nullable = true) Instant downloadUrlExpiresAt) {
    }

    /** Where a licence stands. */
    public enum State { ACTIVE, EXPIRED, REVOKED }
}
