package io.musicplatform.events;

/**
 * The audio object of a track revision in object storage. Playback presigns a GET for
 * {@code bucket}/{@code key}; {@code sha256} lets anyone check that the bytes are the ones ingested.
 *
 * @param bucket       object storage bucket that holds the audio
 * @param key          object key inside the bucket
 * @param contentType  MIME type detected from the content (not the file name), e.g. audio/mpeg
 * @param codec        audio codec, e.g. mp3, flac, aac, opus
 * @param bitrateKbps  average bit rate in kbit/s; null when unknown
 * @param sampleRateHz sample rate in Hz; null when unknown
 * @param sizeBytes    object size in bytes
 * @param sha256       SHA-256 of the object, 64 lowercase hex characters
 */
public record Media(
        String bucket,
        String key,
        String contentType,
        String codec,
        Integer bitrateKbps,
        Integer sampleRateHz,
        long sizeBytes,
        String sha256) {

    public Media {
        Required.nonEmpty(bucket, "Media", "bucket");
        Required.nonEmpty(key, "Media", "key");
        Required.nonEmpty(contentType, "Media", "contentType");
        Required.nonEmpty(codec, "Media", "codec");
        Required.atLeast(0, sizeBytes, "Media", "sizeBytes");
        Required.present(sha256, "Media", "sha256");
    }
}
