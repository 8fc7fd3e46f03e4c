package io.musicplatform.ingestion.service;

import io.musicplatform.servicestorage.MediaStorage;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The media bucket as ingestion uses it: presigned PUT URLs bound to a size and a type, and the
 * service's own reads, copies, writes and deletes. Every call but signing is blocking: worker threads only.
 */
@ApplicationScoped
public class MediaObjects {

    /** A signed PUT and when it stops working. */
    public record SignedPut(URI url, Instant expiresAt) {
    }

    private final MediaStorage storage;

    public MediaObjects(MediaStorage storage) {
        this.storage = storage;
    }

    public String bucket() {
        return storage.bucket();
    }

    /**
     * A URL that PUTs exactly {@code sizeBytes} bytes of {@code contentType} at {@code key}: both headers
     * are signed, so the storage refuses any other length or type, and any PUT after {@code validFor}.
     */
    public SignedPut signPut(String key, String contentType, long sizeBytes, Duration validFor) {
        PresignedPutObjectRequest signed = storage.presigner().presignPutObject(request -> request.signatureDuration(validFor)
                .putObjectRequest(put -> put.bucket(bucket()).key(key).contentType(contentType).contentLength(sizeBytes)));
        return new SignedPut(URI.create(signed.url().toString()), signed.expiration());
    }

    /** The object's size, or empty when there is none. */
    public Optional<Long> size(String key) {
        try {
            HeadObjectResponse head = client().headObject(request -> request.bucket(bucket()).key(key));
            return Optional.of(head.contentLength());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Copies the object into {@code file}. */
    public void download(String key, Path file) throws IOException {
        try (InputStream in = client().getObject(request -> request.bucket(bucket()).key(key))) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    public void upload(Path file, String key, String contentType) {
        client().putObject(request -> request.bucket(bucket()).key(key).contentType(contentType), RequestBody.fromFile(file));
    }

    /** Copies within the bucket, setting the type the content was recognised as. */
    public void copy(String from, String to, String contentType) {
        client().copyObject(request -> request.sourceBucket(bucket()).sourceKey(from).destinationBucket(bucket()).destinationKey(to)
                .contentType(contentType).metadataDirective("REPLACE"));
    }

    public void delete(String key) {
        client().deleteObject(request -> request.bucket(bucket()).key(key));
    }

    /** Every object under {@code prefix}, in key order, page by page. */
    public void list(String prefix, Consumer<List<S3Object>> page) {
        client().listObjectsV2Paginator(request -> request.bucket(bucket()).prefix(prefix))
                .forEach(response -> page.accept(response.contents()));
    }

    private S3Client client() {
        return storage.client();
    }
}
