package io.musicplatform.stats.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Every tunable of stats-service (prefix {@code music.stats}); docs/services/stats-service.md lists them with their environment variables. */
@ConfigMapping(prefix = "music.stats")
public interface StatsConfig {

    /** How many months of history partitions exist ahead of the current one; the consumer also creates any month a batch needs. */
    @WithDefault("3")
    int partitionsAhead();

    /** The longest range of days that a ranged query (daily plays, genres by hour, breakdowns) may cover. */
    @WithDefault("366")
    int maxRangeDays();

    /** Rows read per query while an export streams a listener's history. */
    @WithDefault("1000")
    int exportChunk();

    /** The first pause after a batch failed to commit (the database away); it doubles up to {@code retry-max-pause}. */
    @WithDefault("200ms")
    Duration retryPause();

    /** The longest pause between two tries of a batch that fails to commit. */
    @WithDefault("30s")
    Duration retryMaxPause();

    /**
     * The schema whose {@code user_erasure} table the consumer consults; the service's own schema unless set.
     * A rebuild into a fresh schema points it at the live schema, so that erased listeners stay erased.
     */
    Optional<String> erasuresSchema();
}
