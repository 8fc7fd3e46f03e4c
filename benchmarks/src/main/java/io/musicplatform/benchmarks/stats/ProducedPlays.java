package io.musicplatform.benchmarks.stats;

import io.musicplatform.events.TrackPlayed;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the benchmark published, each play once: the counts stats-service must end up with, per
 * track, listener and day and in total. It also keeps the first plays as they were sent, for
 * measuring the history's write rate on the same rows. Written by the one publishing thread, read
 * once publishing is over (the freshness probes read only what {@link #add} returns).
 */
final class ProducedPlays {

    final Map<String, Long> perTrack = new HashMap<>();
    final Map<String, Long> perUser = new HashMap<>();
    final Map<LocalDate, Long> perDay = new HashMap<>();
    private final List<TrackPlayed> sample = new ArrayList<>();
    private final int sampleSize;
    private long total;

    ProducedPlays(int sampleSize) {
        this.sampleSize = sampleSize;
    }

    /** Counts one published play; returns its track's plays so far, this one included. */
    long add(TrackPlayed play) {
        total++;
        if (sample.size() < sampleSize) {
            sample.add(play);
        }
        perUser.merge(play.userId(), 1L, Long::sum);
        perDay.merge(play.occurredAt().atZone(ZoneOffset.UTC).toLocalDate(), 1L, Long::sum);
        return perTrack.merge(play.trackId(), 1L, Long::sum);
    }

    long total() {
        return total;
    }

    List<TrackPlayed> sample() {
        return sample;
    }
}
