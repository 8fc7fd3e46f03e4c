package io.musicplatform.playback.service;

import io.musicplatform.playback.config.PlaybackConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per listener: {@code plays-per-minute} plays at once, refilled at that rate. It is
 * kept per replica, in memory: with n replicas a listener may reach n times the rate at most, which
 * bounds abuse without a shared store on the play path.
 */
@ApplicationScoped
public class PlayRateLimiter {

    private record Bucket(double tokens, long updatedNanos) {
    }

    private final int perMinute;
    private final double perNano;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public PlayRateLimiter(PlaybackConfig config) {
        this.perMinute = config.playsPerMinute();
        this.perNano = perMinute / (double) Duration.ofMinutes(1).toNanos();
    }

    /** Takes one play from the listener's bucket, or says how long until one is there. */
    public void acquire(String userId) {
        long now = System.nanoTime();
        Duration[] wait = new Duration[1];
        buckets.compute(userId, (user, bucket) -> {
            double tokens = bucket == null ? perMinute : Math.min(perMinute, bucket.tokens() + (now - bucket.updatedNanos()) * perNano);
            if (tokens >= 1) {
                return new Bucket(tokens - 1, now);
            }
            wait[0] = Duration.ofNanos((long) Math.ceil((1 - tokens) / perNano));
            return new Bucket(tokens, now);
        });
        if (wait[0] != null) {
            throw new PlayRefused.TooManyPlays(perMinute, wait[0]);
        }
    }

    /** Forgets the buckets that have filled up again: they would give a full bucket anyway. */
    @Scheduled(every = "1m", delayed = "1m")
    void forgetFullBuckets() {
        long now = System.nanoTime();
        buckets.entrySet().removeIf(entry -> entry.getValue().tokens() + (now - entry.getValue().updatedNanos()) * perNano >= perMinute);
    }
}
