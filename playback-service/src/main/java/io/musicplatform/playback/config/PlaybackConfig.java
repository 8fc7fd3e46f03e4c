package io.musicplatform.playback.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Every tunable of playback-service, under {@code music.playback} (environment: {@code MUSIC_PLAYBACK_*}). */
@ConfigMapping(prefix = "music.playback")
public interface PlaybackConfig {

    /** How long a stream URL works after a play is granted: long enough to start, short enough not to be shared. */
    @WithDefault("PT5M")
    Duration streamUrlTtl();

    /** How long an Idempotency-Key is remembered: a retry after this is a new play. */
    @WithDefault("PT24H")
    Duration idempotencyRetention();

    /** How long an offline licence lasts from its issue; renewing gives new URLs, not a longer licence. */
    @WithDefault("P30D")
    Duration licenceTtl();

    /** How long the download URL of an offline licence works (it is renewed through the API while the licence lasts). */
    @WithDefault("PT24H")
    Duration downloadUrlTtl();

    /** Active offline licences one listener may hold; past it, 409. */
    @WithDefault("100")
    int maxOfflineLicences();

    /** Plays one listener may start per minute; past it, 429 with Retry-After. */
    @WithDefault("120")
    int playsPerMinute();

    /**
     * Whether a play's TrackPlayed goes straight to Kafka first, the play answered on Kafka's
     * acknowledgement (the outbox taking it only when Kafka is slow or away: DirectPublisher), or
     * always to the outbox, the play answered on its group's commit.
     */
    @WithDefault("true")
    boolean kafkaFirst();

    /**
     * The most plays (without an Idempotency-Key) whose events are committed together, in one
     * statement and one durable commit (PlayCommits); the plays that arrive during one commit form
     * the next group.
     */
    @WithDefault("500")
    int playGroupSize();

    /**
     * How long a play may go on seeing a track as it was read from its row (PlayableTracks): a
     * revision applied by another replica, such as a takedown, stops plays on this one within this
     * time. A revision this replica applies is seen at once.
     */
    @WithDefault("PT5S")
    Duration trackCacheTtl();

    /** The most tracks held in memory for the plays' rights check; the least used go first. */
    @WithDefault("50000")
    int trackCacheSize();
}
