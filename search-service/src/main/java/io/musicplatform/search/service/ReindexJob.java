package io.musicplatform.search.service;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** One re-index: its progress, read by the API and the metrics while a worker thread advances it. */
public final class ReindexJob {

    public enum State { PENDING, RUNNING, SUCCEEDED, FAILED }

    /** The most error messages a job keeps; the count of failed records goes on. */
    static final int MAX_ERRORS = 20;

    private final UUID id;
    private final Instant startedAt;
    private volatile State state = State.PENDING;
    private volatile long total;
    private volatile long done;
    private volatile long failed;
    private volatile int resumes;
    private volatile Instant finishedAt;
    private volatile String fromIndex;
    private volatile String toIndex;
    private final List<String> errors = new ArrayList<>();

    ReindexJob() {
        this(UUID.randomUUID(), Instant.now());
    }

    private ReindexJob(UUID id, Instant startedAt) {
        this.id = id;
        this.startedAt = startedAt;
    }

    /** A job an interrupted replica left in the jobs index, taken up again where it stood. */
    static ReindexJob resumed(View kept) {
        ReindexJob job = new ReindexJob(kept.id(), kept.startedAt());
        job.fromIndex = kept.fromIndex();
        job.toIndex = kept.toIndex();
        job.total = kept.total();
        job.done = kept.done();
        job.failed = kept.failed();
        job.errors.addAll(kept.errors());
        job.resumes = kept.resumes() + 1;
        job.state = State.RUNNING;
        return job;
    }

    public UUID id() {
        return id;
    }

    String fromIndex() {
        return fromIndex;
    }

    String toIndex() {
        return toIndex;
    }

    public State state() {
        return state;
    }

    /** The share of the topic's records read so far, 0 to 1. */
    public double progress() {
        long all = total;
        return state == State.SUCCEEDED ? 1.0 : all == 0 ? 0.0 : Math.min(1.0, (double) done / all);
    }

    void running(String from, String to) {
        fromIndex = from;
        toIndex = to;
        state = State.RUNNING;
    }

    void total(long records) {
        total = records;
    }

    /** Where a resumed job stands: the records before its consumer's position count as read. */
    void done(long records) {
        done = records;
    }

    void read(long records, long unreadable) {
        done += records;
        failed += unreadable;
    }

    synchronized void error(String message) {
        if (errors.size() < MAX_ERRORS) {
            errors.add(message);
        }
    }

    void finished(State end) {
        finishedAt = Instant.now();
        state = end;
    }

    public synchronized View view() {
        return new View(id, "reindex", state, total, done, failed, startedAt, finishedAt, List.copyOf(errors), fromIndex, toIndex, resumes);
    }

    @Schema(name = "ReindexJob", description = "A re-index job, as every long operation answers (DESIGN.md section 9)")
    // Written to and read from the jobs index through the ObjectMapper by hand (JobStore): registered for a native image.
    @RegisterForReflection
    public record View(
            @Schema(examples = "0b0d5c1e-8f4e-4d8a-9a55-2a4f3c1d2e10") UUID id,
            @Schema(examples = "reindex") String kind,
            State state,
            @Schema(description = "Records of track-ingested to read", examples = "100000") long total,
            @Schema(description = "Records read so far", examples = "45000") long done,
            @Schema(description = "Records that could not be read or indexed", examples = "0") long failed,
            Instant startedAt,
            @Schema(nullable = true) Instant finishedAt,
            @Schema(description = "The first error messages, if any") List<String> errors,
            @Schema(description = "The index searches read before", examples = "tracks-v1", nullable = true) String fromIndex,
            @Schema(description = "The index being built, which searches read once the job succeeds", examples = "tracks-v2", nullable = true) String toIndex,
            @Schema(description = "How many times a replica took the job up again after the one running it stopped or died", examples = "0") int resumes) {
    }
}
