package io.musicplatform.catalog.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

/** What the browse endpoints answer: artists, albums and genres with their playable track counts. */
public final class BrowseViews {

    private BrowseViews() {
    }

    @Schema(name = "ArtistSummary")
    public record ArtistSummary(UUID id, @Schema(examples = "Françoise Hardy") String name,
                                @Schema(description = "Playable tracks that name this artist", examples = "42") long trackCount) {
    }

    @Schema(name = "Artist")
    public record ArtistDetail(UUID id, @Schema(examples = "Françoise Hardy") String name, long trackCount,
                               @Schema(description = "Albums whose album artist this is, by title") List<AlbumSummary> albums) {
    }

    @Schema(name = "AlbumSummary")
    public record AlbumSummary(UUID id, @Schema(examples = "Tous les garçons et les filles") String title, long trackCount) {
    }

    @Schema(name = "Album")
    public record AlbumDetail(UUID id, @Schema(examples = "Tous les garçons et les filles") String title,
                              TrackView.ArtistRef artist,
                              @Schema(description = "Playable tracks in disc, then track order") List<TrackView> tracks) {
    }

    @Schema(name = "Genre")
    public record GenreSummary(@Schema(examples = "chanson") String name, @Schema(examples = "120") long trackCount) {
    }
}
