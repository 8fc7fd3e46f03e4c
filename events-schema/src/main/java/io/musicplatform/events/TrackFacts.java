package io.musicplatform.events;

/**
 * Facts about the played track, copied from playback-service's projection at play time so that
 * stats-service can aggregate by artist and genre without a projection of its own.
 *
 * @param artist     main artist (the first of the revision's artists)
 * @param genre      genre; null when the track has none
 * @param durationMs playing time in milliseconds
 */
public record TrackFacts(String artist, String genre, long durationMs) {

    public TrackFacts {
        Required.nonEmpty(artist, "TrackFacts", "artist");
        Required.atLeast(1, durationMs, "TrackFacts", "durationMs");
    }
}
