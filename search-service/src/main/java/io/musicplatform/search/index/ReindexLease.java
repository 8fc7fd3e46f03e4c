package io.musicplatform.search.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The right to run a re-index, held by one replica at a time across all of them: one document in the
 * jobs index, created only where none exists, then renewed, handed over and released with the index's
 * optimistic concurrency ({@code if_seq_no}, {@code if_primary_term}), so that two replicas never both
 * believe they hold it. A holder renews it while it works; a lease left unrenewed for longer than its
 * duration belongs to a replica that died, and another one (or the same one, restarted) takes it over
 * and resumes the job it names.
 *
 * <p>Expiry compares the holder's clock with the reader's, so replicas' clocks must agree to well
 * within the lease's duration (30 s by default), as they do on NTP-synchronized Kubernetes nodes.
 */
@ApplicationScoped
public class ReindexLease {

    static final String ID = "reindex-lease";

    private final IndexClient index;
    private final JobStore store;

    public ReindexLease(IndexClient index, JobStore store) {
        this.index = index;
        this.store = store;
    }

    /** The lease as a replica read or wrote it: the job it names, its last renewal, and its version in the index. */
    public record Holder(UUID jobId, Instant renewedAt, long seqNo, long primaryTerm) {

        public boolean expired(Duration lease, Instant now) {
            return renewedAt.plus(lease).isBefore(now);
        }
    }

    /** The lease changed hands (or went) since this replica last wrote it: the job is no longer this replica's. */
    public static class Lost extends RuntimeException {
        public Lost(UUID jobId) {
            super("Another replica took over re-index " + jobId);
        }
    }

    /** The lease as it is now; empty when no job holds it. */
    public Uni<Optional<Holder>> read() {
        return index.get(endpoint()).map(answer -> Optional.of(holder(answer, answer.path("_source"))))
                .onFailure(IndexClient.IndexRequestFailed.class)
                .recoverWithUni(failure -> ((IndexClient.IndexRequestFailed) failure).status() == 404
                        ? Uni.createFrom().item(Optional.<Holder>empty()) : Uni.createFrom().failure(failure));
    }

    /** Takes the lease for a new job; empty when another job holds it, expired or not. */
    public Uni<Optional<Holder>> create(UUID jobId) {
        Instant now = Instant.now();
        return index.send("PUT", "/" + store.name() + "/_create/" + ID, source(jobId, now))
                .map(answer -> Optional.of(written(answer, jobId, now)))
                .onFailure(IndexClient.IndexRequestFailed.class)
                .recoverWithUni(failure -> conflict(failure) ? Uni.createFrom().item(Optional.<Holder>empty()) : Uni.createFrom().failure(failure));
    }

    /** Takes over an expired lease, for the job it names; empty when another replica changed it first. */
    public Uni<Optional<Holder>> takeOver(Holder expired) {
        return write(expired, Instant.now()).map(Optional::of)
                .onFailure(Lost.class).recoverWithItem(Optional.empty());
    }

    /** Renews the lease; fails with {@link Lost} when it is no longer this holder's. */
    public Uni<Holder> renew(Holder held) {
        return write(held, Instant.now());
    }

    /**
     * Leaves the lease to whichever replica looks next, at once rather than after its duration: a
     * replica that stops in the middle of a job hands it over this way.
     */
    public Uni<Holder> handOver(Holder held) {
        return write(held, Instant.EPOCH);
    }

    /** Gives the lease up once its job has ended; fails with {@link Lost} when it was no longer this holder's. */
    public Uni<Void> release(Holder held) {
        return index.send("DELETE", endpoint(), null, versionOf(held)).replaceWithVoid()
                .onFailure(IndexClient.IndexRequestFailed.class).transform(failure -> lostOr(failure, held));
    }

    private Uni<Holder> write(Holder held, Instant renewedAt) {
        return index.send("PUT", endpoint(), source(held.jobId(), renewedAt), versionOf(held))
                .map(answer -> written(answer, held.jobId(), renewedAt))
                .onFailure(IndexClient.IndexRequestFailed.class).transform(failure -> lostOr(failure, held));
    }

    private String endpoint() {
        return "/" + store.name() + "/_doc/" + ID;
    }

    private ObjectNode source(UUID jobId, Instant renewedAt) {
        return index.object().put("jobId", jobId.toString()).put("renewedAt", renewedAt.toEpochMilli());
    }

    private static Map<String, String> versionOf(Holder held) {
        return Map.of("if_seq_no", Long.toString(held.seqNo()), "if_primary_term", Long.toString(held.primaryTerm()));
    }

    private static Holder written(JsonNode answer, UUID jobId, Instant renewedAt) {
        return new Holder(jobId, renewedAt, answer.path("_seq_no").asLong(), answer.path("_primary_term").asLong());
    }

    private static Holder holder(JsonNode answer, JsonNode source) {
        return new Holder(UUID.fromString(source.path("jobId").asText()), Instant.ofEpochMilli(source.path("renewedAt").asLong()),
                answer.path("_seq_no").asLong(), answer.path("_primary_term").asLong());
    }

    private static boolean conflict(Throwable failure) {
        return ((IndexClient.IndexRequestFailed) failure).status() == 409;
    }

    /** 409: someone wrote the lease since; 404: someone released it. Either way it is not this holder's any more. */
    private static Throwable lostOr(Throwable failure, Holder held) {
        int status = ((IndexClient.IndexRequestFailed) failure).status();
        return status == 409 || status == 404 ? new Lost(held.jobId()) : failure;
    }
}
