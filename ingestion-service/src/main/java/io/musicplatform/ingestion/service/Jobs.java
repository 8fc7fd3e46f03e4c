package io.musicplatform.ingestion.service;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.musicplatform.ingestion.analysis.Rejected;
import io.musicplatform.ingestion.config.IngestionConfig;
import io.musicplatform.ingestion.entity.Job;
import io.musicplatform.ingestion.entity.JobItem;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Runs the long operations as jobs (DESIGN.md section 9): a bulk import of every object under a bucket
 * prefix, and a replay that publishes the current revision of every track again. A job's row holds its
 * progress; an import records each file it finished (so a resumed import skips it, and content
 * addressing makes even a file caught mid-way a duplicate, never a second track), a replay the last
 * track it republished. Jobs left PENDING or RUNNING by a stopped instance resume at start.
 * Blocking work (storage, analysis) on the job's own threads; the database through the reactive client.
 */
@ApplicationScoped
public class Jobs {

    /** Groups of an import's files being read, analysed and stored ahead of the one being recorded. */
    private static final int GROUPS_AHEAD = 3;
    /** Tracks republished per replay transaction. */
    private static final int REPLAY_PAGE = 200;
    /** Item errors a job view carries at most. */
    public static final int MAX_ERRORS_SHOWN = 100;
    private static final Logger LOG = Logger.getLogger(Jobs.class);

    private final Ingestor ingestor;
    private final IngestionService service;
    private final MediaObjects objects;
    private final IngestionConfig config;
    private final ExecutorService runners = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().name("ingestion-job-", 0).daemon().factory());
    private final ExecutorService files;
    /** music_job_progress{kind,state}: items of the latest job of each kind, by state (total, done, failed). */
    private final Map<Job.Kind, Map<String, AtomicLong>> progress = new EnumMap<>(Job.Kind.class);
    private volatile boolean stopping;

    public Jobs(Ingestor ingestor, IngestionService service, MediaObjects objects, IngestionConfig config, MeterRegistry registry) {
        this.ingestor = ingestor;
        this.service = service;
        this.objects = objects;
        this.config = config;
        this.files = Executors.newFixedThreadPool(config.jobConcurrency(), Thread.ofPlatform().name("ingestion-job-file-", 0).daemon().factory());
        for (Job.Kind kind : Job.Kind.values()) {
            Map<String, AtomicLong> states = new java.util.LinkedHashMap<>();
            for (String state : List.of("total", "done", "failed")) {
                AtomicLong value = new AtomicLong();
                states.put(state, value);
                Gauge.builder("music.job.progress", value, AtomicLong::doubleValue)
                        .description("Items of the latest job of each kind: total, done and failed so far")
                        .tag("kind", kind.name().toLowerCase(Locale.ROOT)).tag("state", state).register(registry);
            }
            progress.put(kind, states);
        }
    }

    /** Creates an import job of every object under {@code prefix} and starts it. */
    public Job startImport(String prefix, String user) {
        return start(Job.Kind.IMPORT, Job.SourceKind.BUCKET, prefix, user);
    }

    /**
     * Creates an import job of every file in {@code folder} and below (hidden files and folders aside)
     * and starts it. The folder must be within one of {@code music.ingestion.import-folders}, links
     * resolved, so that an import cannot read the rest of the service's disk.
     */
    public Job startFolderImport(String folder, String user) {
        return start(Job.Kind.IMPORT, Job.SourceKind.FOLDER, allowedFolder(folder).toString(), user);
    }

    /** Creates a replay job of every track's current revision and starts it. */
    public Job startReplay(String user) {
        return start(Job.Kind.REPLAY, null, null, user);
    }

    /** The folder, real path, when it is an existing folder within one that imports may read; refused otherwise. */
    Path allowedFolder(String folder) {
        List<Path> roots = config.importFolders().orElse(List.of());
        if (roots.isEmpty()) {
            throw new IngestionRefused.InvalidField("folder", "folder imports are off on this service (music.ingestion.import-folders names none)");
        }
        String allowed = "must be an existing folder within " + String.join(" or ", roots.stream().map(Path::toString).toList());
        Path path;
        try {
            path = Path.of(folder);
        } catch (InvalidPathException e) {
            throw new IngestionRefused.InvalidField("folder", allowed);
        }
        if (!path.isAbsolute()) {
            throw new IngestionRefused.InvalidField("folder", "must be an absolute path; " + allowed);
        }
        try {
            Path real = path.toRealPath();
            for (Path root : roots) {
                if (Files.isDirectory(root) && real.startsWith(root.toAbsolutePath().toRealPath()) && Files.isDirectory(real)) {
                    return real;
                }
            }
        } catch (IOException e) {
            // No such folder: the same answer as one outside, which says nothing of the rest of the disk.
        }
        throw new IngestionRefused.InvalidField("folder", allowed);
    }

    private Job start(Job.Kind kind, Job.SourceKind sourceKind, String source, String user) {
        Job job = new Job();
        job.id = UUID.randomUUID();
        job.kind = kind;
        job.state = Job.State.PENDING;
        job.source = source;
        job.sourceKind = sourceKind;
        job.createdBy = user;
        job.createdAt = now();
        Ingestor.await(() -> Panache.withTransaction(job::persist));
        runners.submit(() -> run(job.id));
        return job;
    }

    void resume(@Observes StartupEvent started) {
        runners.submit(this::resumeUnfinished);
    }

    /** Runs every job a stopped instance left PENDING or RUNNING, one after the other. */
    void resumeUnfinished() {
        {
            try {
                List<Job> unfinished = Ingestor.await(() -> Panache.withSession(() -> Job.<Job>list("state in ?1 order by createdAt",
                        List.of(Job.State.PENDING, Job.State.RUNNING))));
                for (Job job : unfinished) {
                    LOG.infof("Resuming %s job %s", job.kind, job.id);
                    run(job.id);
                }
            } catch (RuntimeException e) {
                LOG.warnf("Could not look for unfinished jobs at start: %s", e.getMessage());
            }
        }
    }

    void stop(@Observes ShutdownEvent stopped) {
        stopping = true;
        runners.shutdownNow();
        files.shutdownNow();
    }

    private void run(UUID jobId) {
        try {
            Job job = Ingestor.await(() -> Panache.withTransaction(() -> Job.<Job>findById(jobId).invoke(found -> {
                found.state = Job.State.RUNNING;
                if (found.startedAt == null) {
                    found.startedAt = now();
                }
            })));
            if (job.kind == Job.Kind.IMPORT) {
                runImport(job);
            } else {
                runReplay(job);
            }
            if (stopping) {
                return; // left RUNNING: the next instance resumes it
            }
            finish(jobId, Job.State.SUCCEEDED, null);
        } catch (RuntimeException e) {
            if (stopping) {
                return;
            }
            LOG.errorf(e, "Job %s failed", jobId);
            finish(jobId, Job.State.FAILED, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    private void runImport(Job job) {
        List<String> keys = job.sourceKind == Job.SourceKind.FOLDER ? filesOf(Path.of(job.source)) : objectsOf(job.source);
        List<JobItem> earlier = Ingestor.await(() -> Panache.withSession(() -> JobItem.<JobItem>list("id.jobId", job.id)));
        Set<String> finished = new HashSet<>();
        long earlierFailed = 0;
        for (JobItem item : earlier) {
            finished.add(item.id.itemKey());
            earlierFailed += item.outcome == JobItem.Outcome.FAILED ? 1 : 0;
        }
        Ingestor.await(() -> Panache.withTransaction(() -> Job.update("total = ?1 where id = ?2", (long) keys.size(), job.id)));
        Map<String, AtomicLong> shown = progress.get(Job.Kind.IMPORT);
        shown.get("total").set(keys.size());
        shown.get("done").set(finished.size() - earlierFailed);
        shown.get("failed").set(earlierFailed);
        List<String> remaining = keys.stream().filter(key -> !finished.contains(key)).toList();
        // Groups of files: the pool reads, analyses and stores one group while this thread records the
        // previous one in a single transaction (one durable commit per group, not per file).
        // A few groups are queued ahead, so that the file threads never wait for the recording.
        int groupSize = 2 * config.jobConcurrency();
        Deque<List<Future<Outcome>>> preparing = new ArrayDeque<>();
        int submitted = 0;
        while (preparing.size() < GROUPS_AHEAD && submitted < remaining.size()) {
            preparing.add(prepare(job, remaining.subList(submitted, Math.min(submitted + groupSize, remaining.size()))));
            submitted += groupSize;
        }
        while (!preparing.isEmpty() && !stopping) {
            List<Outcome> outcomes = outcomes(preparing.poll());
            if (submitted < remaining.size()) {
                preparing.add(prepare(job, remaining.subList(submitted, Math.min(submitted + groupSize, remaining.size()))));
                submitted += groupSize;
            }
            if (stopping || outcomes.contains(null)) {
                return; // what was not recorded is imported again by the next instance
            }
            List<Ingestor.Prepared> ready = outcomes.stream().map(Outcome::prepared).filter(Objects::nonNull).toList();
            List<JobItem> failed = outcomes.stream().map(Outcome::failed).filter(Objects::nonNull).toList();
            ingestor.recordImported(ready, failed, job.createdBy);
            shown.get("done").addAndGet(ready.size());
            shown.get("failed").addAndGet(failed.size());
        }
    }

    /** A file of an import once read, analysed and stored, or the item that says why it failed. */
    private record Outcome(Ingestor.Prepared prepared, JobItem failed) {
    }

    /** Starts reading, analysing and storing {@code keys} on the job's file threads. */
    private List<Future<Outcome>> prepare(Job job, List<String> keys) {
        return keys.stream().map(key -> files.submit(() -> prepareOne(job, key))).toList();
    }

    /**
     * Waits for a group's files; null in place of a file abandoned because the service is stopping
     * (its thread interrupted or its task cancelled). A task that failed otherwise fails the job.
     */
    private static List<Outcome> outcomes(List<Future<Outcome>> group) {
        List<Outcome> outcomes = new ArrayList<>(group.size());
        for (Future<Outcome> future : group) {
            try {
                outcomes.add(future.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                outcomes.add(null);
            } catch (CancellationException e) {
                outcomes.add(null);
            } catch (ExecutionException e) {
                throw new IllegalStateException("An import task failed", e.getCause());
            }
        }
        return outcomes;
    }

    /** The objects under {@code prefix}, the service's own prefixes aside; in key order. */
    private List<String> objectsOf(String prefix) {
        List<String> keys = new ArrayList<>();
        objects.list(prefix, page -> page.stream().map(S3Object::key)
                .filter(key -> !key.startsWith(config.stagingPrefix()) && !key.startsWith(config.mediaPrefix()) && !key.endsWith("/"))
                .forEach(keys::add));
        return keys;
    }

    /**
     * The regular files in {@code folder} and below, as paths relative to it with '/' between names, in
     * order; hidden files and folders (a leading '.') are left out, and links are not followed.
     */
    private static List<String> filesOf(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            return paths.filter(path -> Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS))
                    .map(folder::relativize)
                    .filter(relative -> StreamSupport.stream(relative.spliterator(), false)
                            .noneMatch(name -> name.toString().startsWith(".")))
                    .map(relative -> relative.toString().replace(relative.getFileSystem().getSeparator(), "/"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list the folder " + folder, e);
        }
    }

    private Outcome prepareOne(Job job, String key) {
        JobItem.Key id = new JobItem.Key(job.id, key);
        if (stopping) {
            return null;
        }
        try {
            return new Outcome(job.sourceKind == Job.SourceKind.FOLDER
                    ? ingestor.prepareFile(Path.of(job.source).resolve(key), id)
                    : ingestor.prepareObject(key, id), null);
        } catch (Rejected rejected) {
            return new Outcome(null, failedItem(id, rejected.getMessage()));
        } catch (RuntimeException e) {
            if (stopping) {
                return null;
            }
            LOG.warnf(e, "Import job %s could not import %s", job.id, key);
            return new Outcome(null, failedItem(id, "could not be imported: " + e.getMessage()));
        }
    }

    /** A file the import could not take, with the reason; recorded with its group. */
    private static JobItem failedItem(JobItem.Key id, String reason) {
        JobItem item = new JobItem();
        item.id = id;
        item.outcome = JobItem.Outcome.FAILED;
        item.reason = reason;
        return item;
    }

    private void runReplay(Job job) {
        long total = Ingestor.await(() -> Panache.withSession(() -> io.musicplatform.ingestion.entity.Track.count()));
        Ingestor.await(() -> Panache.withTransaction(() -> Job.update("total = ?1 where id = ?2", total, job.id)));
        Map<String, AtomicLong> shown = progress.get(Job.Kind.REPLAY);
        shown.get("total").set(total);
        shown.get("done").set(job.done);
        shown.get("failed").set(0);
        UUID cursor = job.cursor;
        while (!stopping) {
            UUID after = cursor;
            List<UUID> ids = Ingestor.await(() -> service.trackIds(after, REPLAY_PAGE));
            if (ids.isEmpty()) {
                return;
            }
            UUID last = ids.getLast();
            // One transaction per page: the page's events and the job's cursor commit together.
            Ingestor.await(() -> Panache.withTransaction(() -> service.republishAll(ids)
                    .chain(() -> Job.update("done = done + ?1, cursor = ?2 where id = ?3", (long) ids.size(), last, job.id))));
            shown.get("done").addAndGet(ids.size());
            cursor = last;
        }
    }

    private void finish(UUID jobId, Job.State state, String error) {
        try {
            Ingestor.await(() -> Panache.withTransaction(() -> Job.update("state = ?1, error = ?2, finishedAt = ?3 where id = ?4",
                    state, error, now(), jobId)));
        } catch (RuntimeException e) {
            LOG.errorf(e, "Could not record the end of job %s", jobId);
        }
    }

    /** A job and up to {@link #MAX_ERRORS_SHOWN} of its failed items. */
    public Uni<JobWithErrors> job(UUID id) {
        return Panache.withSession(() -> Job.<Job>findById(id).chain(job -> {
            if (job == null) {
                throw new IngestionRefused.NoSuchJob(id);
            }
            if (job.kind == Job.Kind.REPLAY) {
                return Uni.createFrom().item(new JobWithErrors(job, job.done, job.failed, List.of()));
            }
            return JobItem.count("id.jobId = ?1 and outcome = ?2", id, JobItem.Outcome.FAILED).chain(failed ->
                    JobItem.count("id.jobId", id).chain(finished ->
                            JobItem.<JobItem>find("id.jobId = ?1 and outcome = ?2 order by id.itemKey", id, JobItem.Outcome.FAILED)
                                    .page(0, MAX_ERRORS_SHOWN).list()
                                    .map(items -> new JobWithErrors(job, finished - failed, failed, items))));
        }));
    }

    /** A job, its files done and failed (an import counts its items; a replay keeps its count on its row), and failed items. */
    public record JobWithErrors(Job job, long done, long failed, List<JobItem> errors) {
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
