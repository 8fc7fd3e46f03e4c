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

    /** Plays one listener may start per minute; past it, 429 with Retry-After. */
    @WithDefault("120")
    int playsPerMinute();
}
