package io.musicplatform.ingestion.rest;

import io.musicplatform.events.TrackStatus;
import io.musicplatform.ingestion.analysis.Tags;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/** What the ingestion API reads and answers. */
public final class TrackViews {

    private TrackViews() {
    }

    static final String NOT_BLANK = ".*\\S.*";

    /** An upload to announce: the file's name, its type and its exact size; the PUT must match both. */
    @Schema(name = "UploadRequest")
    public record UploadRequest(
            @NotNull @Schema(required = true, examples = "Sinsemilia - Tout le bonheur du monde.mp3",
                    description = "The file's name: kept as a title fallback, never used as a storage key") String fileName,
            @NotNull @Pattern(regexp = "audio/[a-z0-9.+-]+|application/octet-stream",
                    message = "must be an audio type such as audio/mpeg, or application/octet-stream")
            @Schema(required = true, examples = "audio/mpeg", description = "The Content-Type the PUT must send; the real format is read from the content")
            String contentType,
            @NotNull @Positive @Schema(required = true, examples = "6815744", description = "The exact size of the file the PUT sends")
            Long sizeBytes,
            @Min(1) @Max(86_400) @Schema(nullable = true, examples = "300",
                    description = "How long the upload URL should work, at most music.ingestion.upload-url-ttl (15 minutes by default)")
            Integer validForSeconds) {
    }

    /** Where to PUT the file, with which headers, until when; then complete the upload. */
    @Schema(name = "UploadTicket")
    public record UploadTicket(
            UUID uploadId,
            @Schema(description = "A presigned PUT URL to the media bucket, bound to the announced size and type") URI uploadUrl,
            @Schema(examples = "PUT") String method,
            @Schema(description = "Headers the PUT must send as they are", examples = "{\"Content-Type\": \"audio/mpeg\"}")
            java.util.Map<String, String> headers,
            Instant expiresAt) {
    }

    /**
     * Track fields to set: overrides of the file's tags when completing an upload, corrections in a
     * PATCH. A field left out (or null) is left as it is.
     */
    @Schema(name = "TrackChanges")
    public record TrackChanges(
            @Size(min = 1, max = 500) @Pattern(regexp = NOT_BLANK, message = "must not be blank")
            @Schema(nullable = true, examples = "Tout le bonheur du monde") String title,
            @Size(min = 1, max = 20) @Schema(nullable = true, description = "Main artist first", examples = "[\"Sinsemilia\"]")
            List<@NotNull @Size(min = 1, max = 200) @Pattern(regexp = NOT_BLANK, message = "must not be blank") String> artists,
            @Size(max = 500) @Schema(nullable = true, examples = "Debout les yeux ouverts") String album,
            @Size(max = 200) @Schema(nullable = true, examples = "Various Artists") String albumArtist,
            @Size(max = 100) @Schema(nullable = true, examples = "reggae") String genre,
            @Min(1000) @Max(9999) @Schema(nullable = true, examples = "2004") Integer year,
            @Min(1) @Max(10_000) @Schema(nullable = true, examples = "3") Integer trackNumber,
            @Min(1) @Max(1_000) @Schema(nullable = true, examples = "1") Integer discNumber,
            @Size(max = 250) @Schema(nullable = true, description = "ISO 3166-1 alpha-2 codes where it may play; empty means everywhere",
                    examples = "[\"FR\", \"BE\"]")
            List<@NotNull @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 code such as FR") String> territories) {

        public static final TrackChanges NONE = new TrackChanges(null, null, null, null, null, null, null, null, null);

        /** The fields as tags, cleaned like the file's own. */
        public Tags tags() {
            return new Tags(Tags.text(title), artists == null ? List.of() : artists.stream().map(Tags::text).distinct().toList(),
                    Tags.text(album), Tags.text(albumArtist), Tags.text(genre), year, trackNumber, discNumber);
        }

        /** The territories without repeats, or null when not given. */
        public List<String> territoryCodes() {
            return territories == null ? null : new ArrayList<>(new LinkedHashSet<>(territories));
        }
    }

    /** A track's current revision. */
    @Schema(name = "Track")
    public record TrackView(
            UUID id,
            @Schema(examples = "1", description = "1 for a new track, +1 per correction or takedown") long revision,
            @Schema(examples = "AVAILABLE") TrackStatus status,
            @Schema(examples = "Tout le bonheur du monde") String title,
            @Schema(examples = "[\"Sinsemilia\"]") List<String> artists,
            @Schema(nullable = true) String album,
            @Schema(nullable = true) String albumArtist,
            @Schema(nullable = true) String genre,
            @Schema(nullable = true) Integer year,
            @Schema(nullable = true) Integer trackNumber,
            @Schema(nullable = true) Integer discNumber,
            @Schema(examples = "214000") long durationMs,
            List<String> territories,
            MediaView media,
            Instant recordedAt,
            @Schema(description = "The token subject of the operator who recorded this revision") String recordedBy) {
    }

    @Schema(name = "TrackMedia")
    public record MediaView(@Schema(examples = "media") String bucket,
                            @Schema(examples = "audio/9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08.mp3") String key,
                            @Schema(examples = "audio/mpeg") String contentType,
                            @Schema(examples = "mp3") String codec,
                            @Schema(nullable = true, examples = "256") Integer bitrateKbps,
                            @Schema(nullable = true, examples = "44100") Integer sampleRateHz,
                            long sizeBytes,
                            String sha256) {
    }

    /** An upload turned into a track, or pointed at the existing track of the same content. */
    @Schema(name = "CompletedUpload")
    public record CompletedUpload(
            @Schema(nullable = true) UUID uploadId,
            @Schema(description = "True when the same content was already a track: this is that track, nothing new was published")
            boolean duplicate,
            @Schema(description = "What the uploader should check, e.g. a title taken from the file name")
            List<String> warnings,
            TrackView track) {
    }
}
