package io.musicplatform.ingestion.service;

import io.musicplatform.servicestorage.MediaStorage;
import io.musicplatform.servicestorage.StorageConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.CORSRule;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.util.List;

/**
 * Lets the web app's pages upload with presigned URLs (and play from them): at start, when
 * {@code music.storage.cors-origins} is set, the media bucket gets one CORS rule for those origins.
 * Ingestion is the service that hands out upload URLs, so it owns the rule. A storage that takes no
 * CORS rule through its API (S3Proxy answers 501: it has server settings for it instead, which the
 * local platform's kit sets) is left as it is, said once in the log; so is one that cannot be reached
 * (the service starts anyway and keeps its readiness for the storage's own checks).
 */
@ApplicationScoped
public class BucketCors {

    private static final Logger LOG = Logger.getLogger(BucketCors.class);
    /** How long a browser may keep the answer to its preflight request. */
    private static final int MAX_AGE_SECONDS = 3600;

    private final MediaStorage storage;
    private final StorageConfig config;

    public BucketCors(MediaStorage storage, StorageConfig config) {
        this.storage = storage;
        this.config = config;
    }

    void apply(@Observes StartupEvent started) {
        config.corsOrigins().filter(origins -> !origins.isEmpty()).ifPresent(this::apply);
    }

    /** Sets the bucket's CORS rule; answers whether the storage took it. */
    boolean apply(List<String> origins) {
        CORSRule rule = rule(origins);
        try {
            storage.client().putBucketCors(request -> request.bucket(storage.bucket()).corsConfiguration(cors -> cors.corsRules(rule)));
            LOG.infof("Bucket %s: browsers from %s may use presigned URLs", storage.bucket(), String.join(", ", origins));
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() == 501) {
                LOG.infof("The storage takes no CORS rule through its API (501); configure it there for %s", String.join(", ", origins));
            } else {
                LOG.warnf("The storage refused bucket %s's CORS rule for %s: %s", storage.bucket(), String.join(", ", origins), e.getMessage());
            }
            return false;
        } catch (SdkException e) {
            LOG.warnf("Could not set bucket %s's CORS rule (storage unreachable?): %s", storage.bucket(), e.getMessage());
            return false;
        }
    }

    /** Uploads (PUT with the signed type and length) and playback (GET, HEAD, ranges) from the given origins. */
    static CORSRule rule(List<String> origins) {
        return CORSRule.builder()
                .allowedOrigins(origins)
                .allowedMethods("GET", "HEAD", "PUT")
                .allowedHeaders("Content-Type", "Content-Length", "Range")
                .exposeHeaders("ETag", "Content-Length", "Content-Range", "Accept-Ranges")
                .maxAgeSeconds(MAX_AGE_SECONDS)
                .build();
    }
}
