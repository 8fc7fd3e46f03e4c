package io.musicplatform.ingestion.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.musicplatform.ingestion.analysis.AudioAnalysis;
import io.musicplatform.ingestion.analysis.AudioAnalyzer;
import io.musicplatform.ingestion.analysis.Rejected;
import io.musicplatform.ingestion.analysis.Tags;
import io.musicplatform.ingestion.analysis.TrackMetadata;
import io.musicplatform.ingestion.config.IngestionConfig;
import io.musicplatform.ingestion.entity.JobItem;
import io.musicplatform.ingestion.entity.TrackRevision;
import io.musicplatform.ingestion.entity.Upload;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The path of a file from storage (or a direct upload) to a published track revision: analysed on
 * local disk, stored under its content hash, recorded with its event. A file that is refused leaves
 * nothing behind: its staging object and its upload's row are deleted, no track row, no event.
 * Blocking throughout (storage calls, file reads, hashing): runs on worker threads only, and reaches
 * the reactive database through {@link VertxContextSupport#subscribeAndAwait}.
 */
@ApplicationScoped
public class Ingestor {

    /** How a file came in, for the uploads counter. */
    public enum Flow { PRESIGNED, DIRECT, IMPORT }

    /** A track revision recorded (or the existing one for known content), with what the uploader should know. */
    public record Ingested(TrackRevision revision, boolean duplicate, List<String> warnings) {
    }

    private static final Logger LOG = Logger.getLogger(Ingestor.class);

    private final IngestionService service;
    private final MediaObjects objects;
    private final IngestionConfig config;
    private final MeterRegistry registry;
    private final Map<String, Timer> phases = new ConcurrentHashMap<>();

    public Ingestor(IngestionService service, MediaObjects objects, IngestionConfig config, MeterRegistry registry) {
        this.service = service;
        this.objects = objects;
        this.config = config;
        this.registry = registry;
        for (Flow flow : Flow.values()) {
            for (String outcome : List.of("accepted", "duplicate")) {
                counter(flow, outcome, "none");
            }
        }
    }

    /** Completes a presigned upload: its object is analysed and becomes a track, or is deleted with its row. */
    public Ingested complete(UUID uploadId, Tags overrides, List<String> territories, String user) {
        Upload upload = await(() -> service.upload(uploadId));
        if (upload == null) {
            throw new IngestionRefused.NoSuchUpload(uploadId);
        }
        if (upload.state == Upload.State.COMPLETED) {
            throw new IngestionRefused.AlreadyCompleted(uploadId, upload.trackId);
        }
        long size = objects.size(upload.stagingKey).orElseThrow(() -> new IngestionRefused.NotUploaded(uploadId));
        if (size > upload.sizeBytes) {
            refuse(Flow.PRESIGNED, upload, "too-large");
            throw new IngestionRefused.TooLarge("The stored file has " + size + " bytes, more than the " + upload.sizeBytes + " announced.");
        }
        Path file = tempFile();
        try {
            objects.download(upload.stagingKey, file);
            return ingest(file, new Source(Flow.PRESIGNED, upload.fileName, upload, upload.stagingKey, null), overrides, territories, user);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read upload " + uploadId + " from storage", e);
        } finally {
            deleteQuietly(file);
        }
    }

    /** A file the client sent in the request itself, already on local disk. */
    public Ingested direct(Path file, String fileName, Tags overrides, List<String> territories, String user) {
        return ingest(file, new Source(Flow.DIRECT, fileName, null, null, null), overrides, territories, user);
    }

    /**
     * An object already in the bucket (a bulk import): read, analysed and copied under its content hash,
     * ready for {@link #recordImported}. The object itself is left where it is; a refused one too (it is
     * the operator's): {@link Rejected} says why.
     */
    Prepared prepareObject(String key, JobItem.Key item) {
        Path file = tempFile();
        try {
            timed("read", () -> {
                download(key, file);
                return null;
            });
            String fileName = key.substring(key.lastIndexOf('/') + 1);
            return prepare(file, new Source(Flow.IMPORT, fileName, null, key, item), Tags.NONE);
        } finally {
            deleteQuietly(file);
        }
    }

    /**
     * A file of a folder on the service's own disk (a folder import): analysed where it is and stored
     * under its content hash, ready for {@link #recordImported}. The file itself is left in place.
     */
    Prepared prepareFile(Path file, JobItem.Key item) {
        return prepare(file, new Source(Flow.IMPORT, file.getFileName().toString(), null, null, item), Tags.NONE);
    }

    /**
     * Records a group of an import's prepared files, and the items of those that failed, in one
     * transaction. When the group fails on a unique violation (the same content completed by an upload
     * at the same moment), its files are recorded one by one, each finding the track that won.
     */
    void recordImported(List<Prepared> files, List<JobItem> failed, String user) {
        List<IngestionService.ImportedFile> group = files.stream()
                .map(file -> new IngestionService.ImportedFile(file.audio(), file.metadata(), file.mediaKey(), file.source().jobItem()))
                .toList();
        List<IngestionService.Recorded> recorded;
        try {
            recorded = timed("record-group", () -> await(() -> service.recordImported(group, failed, objects.bucket(), user)));
        } catch (RuntimeException e) {
            if (!isUniqueViolation(e)) {
                throw e;
            }
            files.forEach(file -> record(file, List.of(), user));
            failed.forEach(item -> await(() -> Panache.withTransaction(item::persist)));
            return;
        }
        recorded.forEach(one -> counter(Flow.IMPORT, one.duplicate() ? "duplicate" : "accepted", "none").increment());
    }

    /**
     * Where a file being ingested came from and what its record completes.
     *
     * @param upload    the presigned upload it completes, if any (refused: its object and row go)
     * @param objectKey the bucket object it was read from, copied rather than uploaded again; null for a local file
     * @param jobItem   the import job's item it is, recorded with the track
     */
    private record Source(Flow flow, String fileName, Upload upload, String objectKey, JobItem.Key jobItem) {
    }

    /** A file analysed and stored under its content hash, ready to be recorded. */
    record Prepared(Source source, AudioAnalysis audio, TrackMetadata metadata, String mediaKey) {
    }

    private Ingested ingest(Path file, Source source, Tags overrides, List<String> territories, String user) {
        return record(prepare(file, source, overrides), territories, user);
    }

    /** Analyses the file and stores it under its content hash; a refused file is counted (and its upload forgotten). */
    private Prepared prepare(Path file, Source source, Tags overrides) {
        Flow flow = source.flow();
        Upload upload = source.upload();
        AudioAnalysis audio;
        TrackMetadata metadata;
        try {
            audio = timed("analyse", () -> analyze(file));
            metadata = TrackMetadata.resolve(audio.tags(), overrides, source.fileName());
        } catch (Rejected rejected) {
            if (upload != null) {
                refuse(flow, upload, rejected.reason());
            } else {
                counter(flow, "rejected", rejected.reason()).increment();
            }
            throw rejected;
        }
        String key = config.mediaPrefix() + audio.sha256() + "." + audio.format().extension();
        // Stored whether or not the key exists: the same key always holds the same bytes, so writing it
        // again changes nothing, and asking first would cost every new file a round trip to the storage.
        timed("store", () -> {
            if (source.objectKey() != null) {
                objects.copy(source.objectKey(), key, audio.format().contentType());
            } else {
                objects.upload(file, key, audio.format().contentType());
            }
            return null;
        });
        return new Prepared(source, audio, metadata, key);
    }

    /** Records a prepared file's track (or finds the one of its content) and completes its upload, if any. */
    private Ingested record(Prepared prepared, List<String> territories, String user) {
        Source source = prepared.source();
        Upload upload = source.upload();
        UUID uploadId = upload == null ? null : upload.id;
        IngestionService.Recorded recorded;
        try {
            recorded = timed("record", () -> await(() -> service.record(prepared.audio(), prepared.metadata(), territories, objects.bucket(),
                    prepared.mediaKey(), user, uploadId, source.jobItem())));
        } catch (RuntimeException e) {
            if (!isUniqueViolation(e)) {
                throw e;
            }
            // The same content, completed by another request at the same moment: that track is the answer.
            recorded = await(() -> service.record(prepared.audio(), prepared.metadata(), territories, objects.bucket(), prepared.mediaKey(),
                    user, uploadId, source.jobItem()));
        }
        if (upload != null) {
            objects.delete(upload.stagingKey);
        }
        counter(source.flow(), recorded.duplicate() ? "duplicate" : "accepted", "none").increment();
        return new Ingested(recorded.revision(), recorded.duplicate(), recorded.duplicate() ? List.of() : prepared.metadata().warnings());
    }

    /**
     * Sweeps pending uploads whose URL expired more than {@code pending-upload-grace} ago: their staging
     * objects (a PUT that was never completed) and their rows. Blocking: the scheduler runs it on a worker thread.
     */
    @Scheduled(every = "5m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweepExpiredUploads() {
        List<Upload> expired = await(() -> service.expired(java.time.Instant.now().minus(config.pendingUploadGrace()), 500));
        for (Upload upload : expired) {
            objects.delete(upload.stagingKey);
            await(() -> service.forget(upload.id));
        }
        if (!expired.isEmpty()) {
            LOG.infof("Swept %d expired uploads", expired.size());
        }
    }

    /** A refused upload leaves nothing: its object and its row go. */
    private void refuse(Flow flow, Upload upload, String reason) {
        counter(flow, "rejected", reason).increment();
        try {
            objects.delete(upload.stagingKey);
        } finally {
            await(() -> service.forget(upload.id));
        }
    }

    /**
     * Times one phase of a file's way (read from storage, analysed, stored under its hash, recorded with
     * its event): {@code music_ingestion_phase_seconds{phase}}, where an operator sees what an import waits on.
     */
    private <T> T timed(String phase, Supplier<T> work) {
        Timer.Sample sample = Timer.start(registry);
        try {
            return work.get();
        } finally {
            sample.stop(phases.computeIfAbsent(phase, name -> Timer.builder("music.ingestion.phase")
                    .description("Time a file spends in each phase of ingestion: read, analyse, store, record")
                    .tag("phase", name).register(registry)));
        }
    }

    private Counter counter(Flow flow, String outcome, String reason) {
        return Counter.builder("music.uploads")
                .description("Files offered to ingestion, by how they came (presigned, direct, import), what became of them, and why one was refused")
                .tag("flow", flow.name().toLowerCase(Locale.ROOT)).tag("outcome", outcome).tag("reason", reason)
                .register(registry);
    }

    private void download(String key, Path file) {
        try {
            objects.download(key, file);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + key + " from storage", e);
        }
    }

    private static AudioAnalysis analyze(Path file) {
        try {
            return AudioAnalyzer.analyze(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the file being analysed", e);
        }
    }

    static <T> T await(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean isUniqueViolation(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof io.vertx.pgclient.PgException pg && "23505".equals(pg.getSqlState())) {
                return true;
            }
            if (cause instanceof org.hibernate.exception.ConstraintViolationException violation && "23505".equals(violation.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    static Path tempFile() {
        try {
            return Files.createTempFile("ingest-", ".audio");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a temporary file", e);
        }
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warnf("Could not delete temporary file %s: %s", file, e.getMessage());
        }
    }
}
