package io.musicplatform.events;

import java.time.Instant;
import java.util.UUID;

/**
 * One play of a track by a listener, published by playback-service on {@value Topics#TRACK_PLAYED}
 * with key {@code trackId}. The topic is the raw listening history; stats-service counts each
 * {@code eventId} exactly once.
 *
 * @param eventId    the play id returned to the client; a retried play request keeps it
 * @param occurredAt when the play was granted
 * @param trackId    the played track's id
 * @param userId     the listener (the OIDC subject)
 * @param context    platform, device and country of the play
 * @param track      facts about the track at play time
 */
public record TrackPlayed(
        UUID eventId,
        Instant occurredAt,
        String trackId,
        String userId,
        PlayContext context,
        TrackFacts track) implements Event {

    public TrackPlayed {
        Required.present(eventId, "TrackPlayed", "eventId");
        Required.present(occurredAt, "TrackPlayed", "occurredAt");
        Required.nonEmpty(trackId, "TrackPlayed", "trackId");
        Required.nonEmpty(userId, "TrackPlayed", "userId");
        Required.present(context, "TrackPlayed", "context");
        Required.present(track, "TrackPlayed", "track");
    }

    /** The track: every event of one track lands on one partition, in order. */
    @Override
    public String key() {
        return trackId;
    }
}
