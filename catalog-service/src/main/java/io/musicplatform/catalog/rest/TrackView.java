package io.musicplatform.catalog.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A track as the catalog API shows it (UC-01). */
@Schema(name = "Track")
public record TrackView(
        UUID id,
        @Schema(examples = "Tout le bonheur du monde") String title,
        @Schema(description = "Main artist first") List<ArtistRef> artists,
        @Schema(nullable = true) AlbumRef album,
        @Schema(nullable = true, examples = "chanson") String genre,
        @Schema(examples = "214000") long durationMs,
        @Schema(nullable = true, examples = "2004") Integer year,
        @Schema(nullable = true, examples = "1") Integer discNumber,
        @Schema(nullable = true, examples = "7") Integer trackNumber,
        Instant createdAt,
        Instant updatedAt,
        Rating rating) {

    /** An artist named on a track. */
    @Schema(name = "ArtistRef")
    public record ArtistRef(UUID id, @Schema(examples = "Sinsemilia") String name) {
    }

    /** The album a track belongs to. */
    @Schema(name = "AlbumRef")
    public record AlbumRef(UUID id, @Schema(examples = "Debout les yeux ouverts") String title, UUID artistId) {
    }

    /** The listeners' ratings of a track. */
    @Schema(name = "Rating")
    public record Rating(@Schema(nullable = true, description = "Mean of the ratings, 1 to 5; null without any", examples = "4.2") Double average,
                         @Schema(examples = "12") long count) {
    }
}
