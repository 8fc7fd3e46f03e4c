package io.musicplatform.playback.service;

import io.musicplatform.playback.config.PlaybackConfig;
import io.musicplatform.playback.config.StorageConfig;
import io.musicplatform.playback.entity.PlayableTrack;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

/**
 * Signs the URLs listeners stream from: a GET of the track's media object, signed with SigV4 for a
 * short time, at the storage's public address. No audio passes through the service; the storage
 * checks the signature and the expiry itself.
 */
@ApplicationScoped
public class StreamUrls {

    /** A signed URL and when it stops working. */
    public record StreamUrl(URI url, Instant expiresAt) {
    }

    private final S3Presigner presigner;
    private final Duration ttl;

    public StreamUrls(StorageConfig storage, PlaybackConfig playback) {
        this.ttl = playback.streamUrlTtl();
        // Signing is local arithmetic: the presigner never calls the storage.
        this.presigner = S3Presigner.builder()
                .endpointOverride(storage.publicEndpoint().orElse(storage.endpoint()))
                .region(Region.of(storage.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(storage.accessKey(), storage.secretKey())))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build();
    }

    public StreamUrl stream(PlayableTrack track) {
        return sign(track, ttl);
    }

    /** A URL of the track's audio that works for {@code validFor}, such as an offline licence's. */
    public StreamUrl sign(PlayableTrack track, Duration validFor) {
        PresignedGetObjectRequest signed = presigner.presignGetObject(request -> request
                .signatureDuration(validFor)
                .getObjectRequest(GetObjectRequest.builder().bucket(track.mediaBucket).key(track.mediaKey).build()));
        return new StreamUrl(URI.create(signed.url().toString()), signed.expiration());
    }

    @PreDestroy
    void close() {
        presigner.close();
    }
}
