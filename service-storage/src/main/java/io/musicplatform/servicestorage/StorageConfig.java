package io.musicplatform.servicestorage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The object storage that holds the audio, under {@code music.storage} (environment
 * {@code MUSIC_STORAGE_*}): an S3-compatible API reached with path-style addresses.
 */
@ConfigMapping(prefix = "music.storage")
public interface StorageConfig {

    /** Where the service reaches the storage (the local platform's S3 server by default). */
    @WithDefault("http://127.0.0.1:9700")
    URI endpoint();

    /**
     * The address listeners reach the storage at, which presigned URLs carry; in Kubernetes the
     * public one, distinct from the in-cluster {@link #endpoint()}. The endpoint when absent.
     */
    Optional<URI> publicEndpoint();

    /**
     * The web origins (scheme, host and port, e.g. {@code https://music.example.com}) whose pages may use
     * presigned URLs from a browser: upload PUTs and audio GETs. ingestion-service sets them as the
     * bucket's CORS rule at start where the storage takes one through its API; a storage that does not
     * (S3Proxy: its {@code s3proxy.cors-allow-origins} property) is configured with them directly.
     */
    Optional<List<String>> corsOrigins();

    /** The bucket new audio is uploaded to; a track's own bucket is named in its media. */
    @WithDefault("media")
    String bucket();

    @WithDefault("us-east-1")
    String region();

    @WithDefault("music-access-key")
    String accessKey();

    @WithDefault("music-secret-key")
    String secretKey();
}
