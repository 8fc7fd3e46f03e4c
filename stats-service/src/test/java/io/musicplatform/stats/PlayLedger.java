package io.musicplatform.stats;

import io.musicplatform.events.TrackPlayed;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** What a test produced, each eventId once: the counts stats-service must end up with. */
public final class PlayLedger {

    public final Map<String, Long> perTrack = new HashMap<>();
    public final Map<String, Long> perUser = new HashMap<>();
    public final Map<LocalDate, Long> perDay = new HashMap<>();
    private final Set<UUID> eventIds = new HashSet<>();

    public synchronized void add(TrackPlayed play) {
        if (eventIds.add(play.eventId())) {
            perTrack.merge(play.trackId(), 1L, Long::sum);
            perUser.merge(play.userId(), 1L, Long::sum);
            perDay.merge(play.occurredAt().atZone(ZoneOffset.UTC).toLocalDate(), 1L, Long::sum);
        }
    }

    public synchronized long total() {
        return eventIds.size();
    }
}
