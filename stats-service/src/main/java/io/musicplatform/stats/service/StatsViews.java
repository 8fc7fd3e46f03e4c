package io.musicplatform.stats.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** What the statistics API answers: plain records, read from the store by {@link StatsQueries}. */
public final class StatsViews {

    private StatsViews() {
    }

    @Schema(name = "TrackStats", description = "A track's exact play count; a track never played has 0 plays and no lastPlayedAt")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TrackStats(@Schema(examples = "5f0c3f5e-8d47-4f5e-9a53-2f7fd1c0b6a1") String trackId,
                             @Schema(examples = "Zaz") String artist,
                             @Schema(examples = "1204") long plays,
                             @Schema(examples = "2026-11-27T21:04:05.123Z") Instant lastPlayedAt) {
    }

    @Schema(name = "UserStats", description = "A listener's exact play count and last play")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record UserStats(@Schema(examples = "0b5d1c62-3a1e-4e65-b7f1-5d3c1f0e9a77") String userId,
                            @Schema(examples = "318") long plays,
                            @Schema(examples = "5f0c3f5e-8d47-4f5e-9a53-2f7fd1c0b6a1") String lastPlayedTrackId,
                            @Schema(examples = "2026-11-27T21:04:05.123Z") Instant lastPlayedAt) {
    }

    @Schema(name = "HistoryEntry", description = "One play of the listening history")
    public record HistoryEntry(@Schema(examples = "7d3c1a2b-1c4f-4b8e-9f00-0a1b2c3d4e5f") UUID playId,
                               @Schema(examples = "2026-11-27T21:04:05.123Z") Instant playedAt,
                               @Schema(examples = "5f0c3f5e-8d47-4f5e-9a53-2f7fd1c0b6a1") String trackId,
                               @Schema(examples = "Zaz") String artist,
                               @Schema(examples = "chanson", nullable = true) String genre,
                               @Schema(examples = "214000") long durationMs,
                               @Schema(examples = "web") String platform,
                               @Schema(examples = "computer") String device,
                               @Schema(examples = "FR", nullable = true) String country) {
    }

    @Schema(name = "TrackRank", description = "A track and its plays in the period")
    public record TrackRank(@Schema(examples = "5f0c3f5e-8d47-4f5e-9a53-2f7fd1c0b6a1") String trackId,
                            @Schema(examples = "Zaz") String artist,
                            @Schema(examples = "42") long plays) {
    }

    @Schema(name = "ArtistRank", description = "An artist (id as every service computes it from the name) and its plays in the period")
    public record ArtistRank(@Schema(examples = "9b2f3c1e-5f7a-5d4e-8c2b-1a0f9e8d7c6b") String artistId,
                             @Schema(examples = "Zaz") String artist,
                             @Schema(examples = "42") long plays) {
    }

    @Schema(name = "DailyPlays", description = "The platform's plays on one UTC day")
    public record DayPlays(@Schema(examples = "2026-11-27") LocalDate day, @Schema(examples = "1250342") long plays) {
    }

    @Schema(name = "GenreHour", description = "Plays of a genre in one hour of the day (UTC); genre null is tracks without one")
    public record GenreHour(@Schema(examples = "chanson", nullable = true) String genre,
                            @Schema(examples = "21") int hour,
                            @Schema(examples = "3120") long plays) {
    }

    @Schema(name = "BreakdownEntry", description = "Plays for one value of the dimension; value null is plays where it was unknown")
    public record BreakdownEntry(@Schema(examples = "FR", nullable = true) String value, @Schema(examples = "53120") long plays) {
    }

    @Schema(name = "Erasure", description = "What an erasure removed")
    public record Erasure(@Schema(examples = "318") long historyRowsDeleted, @Schema(examples = "2026-11-27T21:04:05.123Z") Instant erasedAt) {
    }
}
