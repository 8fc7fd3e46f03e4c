package io.musicplatform.playback.service;

import io.musicplatform.playback.config.PlaybackConfig;
import io.musicplatform.playback.entity.OfflineLicence;
import io.musicplatform.playback.entity.PlayableTrack;
import io.musicplatform.servicestorage.MediaStorage;
import jakarta.enterprise.context.ApplicationScoped;
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

    /** The query parameter of a download URL that names its offline licence, signed with the rest. */
    public static final String LICENCE_PARAMETER = "x-music-licence";

    private final S3Presigner presigner;
    private final Duration ttl;
    private final Duration downloadTtl;

    public StreamUrls(MediaStorage storage, PlaybackConfig playback) {
        this.ttl = playback.streamUrlTtl();
        this.downloadTtl = playback.downloadUrlTtl();
        this.presigner = storage.presigner();
    }

    public StreamUrl stream(PlayableTrack track) {
        return sign(track, ttl);
    }

    /**
     * The download URL of an offline licence: it carries the licence's id inside what is signed, so
     * the storage refuses it without that id, and its access log names the licence (and so the listener).
     */
    public StreamUrl download(PlayableTrack track, OfflineLicence licence) {
        return sign(GetObjectRequest.builder().bucket(track.mediaBucket).key(track.mediaKey)
                .overrideConfiguration(request -> request.putRawQueryParameter(LICENCE_PARAMETER, licence.id.toString()))
                .build(), downloadTtl);
    }

    /** A URL of the track's audio that works for {@code validFor}. */
    public StreamUrl sign(PlayableTrack track, Duration validFor) {
        return sign(GetObjectRequest.builder().bucket(track.mediaBucket).key(track.mediaKey).build(), validFor);
    }

    private StreamUrl sign(GetObjectRequest object, Duration validFor) {
        PresignedGetObjectRequest signed = presigner.presignGetObject(request -> request.signatureDuration(validFor).getObjectRequest(object));
        return new StreamUrl(URI.create(signed.url().toString()), signed.expiration());
    }
}
