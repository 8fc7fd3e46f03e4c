package io.musicplatform.ingestion.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Every tunable of ingestion-service, under {@code music.ingestion} (environment {@code MUSIC_INGESTION_*}).
 * The storage itself (endpoint, public endpoint, bucket, keys) is {@code music.storage.*} of service-storage.
 */
@ConfigMapping(prefix = "music.ingestion")
public interface IngestionConfig {

    /** How long an upload URL works at most; a client may ask for less. */
    @WithDefault("PT15M")
    Duration uploadUrlTtl();

    /** The largest file a presigned upload may announce (2 GiB). */
    @WithDefault("2147483648")
    long maxUploadBytes();

    /** The largest file the direct multipart upload takes (50 MiB); bigger ones go through the presigned flow. */
    @WithDefault("52428800")
    long maxDirectUploadBytes();

    /** Where uploads wait in the bucket between their PUT and their completion; swept when they expire. */
    @WithDefault("uploads/")
    String stagingPrefix();

    /** Where accepted audio lives, under its SHA-256: {@code audio/<sha256>.<ext>}. */
    @WithDefault("audio/")
    String mediaPrefix();

    /** How long past its URL's expiry a pending upload's row and object are kept before being swept. */
    @WithDefault("PT1H")
    Duration pendingUploadGrace();

    /**
     * Files a bulk import works on at once. Each spends most of its time waiting on the storage and the
     * database (measured by {@code bin/bench ingestion}), so more files than cores are in flight.
     */
    @WithDefault("8")
    int jobConcurrency();

    /**
     * Folders of the service's own disk (or a volume mounted into its pod) that operators may import
     * from, each with everything below it; none by default, which turns folder imports off.
     */
    Optional<List<Path>> importFolders();
}
