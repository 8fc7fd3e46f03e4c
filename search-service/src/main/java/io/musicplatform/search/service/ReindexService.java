package io.musicplatform.search.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.musicplatform.events.EventCodec;
import io.musicplatform.events.InvalidEventException;
import io.musicplatform.events.Topics;
import io.musicplatform.events.TrackIngested;
import io.musicplatform.search.config.SearchConfig;
import io.musicplatform.search.index.BulkWriter;
import io.musicplatform.search.index.IndexClient;
import io.musicplatform.search.index.JobStore;
import io.musicplatform.search.index.ReindexLease;
import io.musicplatform.search.index.TrackIndex;
import io.musicplatform.search.mapping.TrackDocuments;
import io.musicplatform.servicecore.kafka.KafkaClients;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Re-index with zero downtime (UC-07): builds the next physical index while the alias keeps serving
 * the current one, then moves the alias in one atomic request.
 *
 * <ol>
 *   <li>create {@code tracks-v(n+1)} from the same definition, refresh off;</li>
 *   <li>add it to the feed alias: from now on the live consumers write every revision and play to both
 *       indices, so nothing that arrives during the re-index is missed;</li>
 *   <li>carry popularity over from the current index (the higher count wins, so a play the live feed
 *       already added is not counted twice);</li>
 *   <li>read track-ingested from its beginning to its end as it was after step 2, with a consumer group
 *       of its own, in bulk requests; the scripts order revisions, so the live feed and the job may
 *       write the same track in any order;</li>
 *   <li>turn refresh and replicas back on, then swap: the search alias moves to the new index and the
 *       feed alias leaves the old one, in one request; the old index is deleted after a grace period
 *       that lets searches already running on it finish.</li>
 * </ol>
 * A job that fails leaves the alias where it was and deletes the half-built index.
 *
 * <p>One job at a time across every replica: a job runs only under the {@link ReindexLease}, which it
 * renews as it goes. A replica that stops hands the lease over; one that dies lets it expire. Either
 * way an idle replica (another, or the same one restarted) finds the lease free to take, and resumes
 * the job it names from what the index and the job's consumer group kept: the half-built index and
 * the offsets committed after each bulk write, marked with the job's id.
 */
@ApplicationScoped
public class ReindexService {

    private static final Logger LOG = Logger.getLogger(ReindexService.class);

    private final IndexClient index;
    private final TrackIndex tracks;
    private final TrackDocuments documents;
    private final BulkWriter writer;
    private final KafkaClients kafka;
    private final SearchConfig config;
    private final JobStore store;
    private final ReindexLease leases;
    private final Map<UUID, ReindexJob> jobs = new ConcurrentHashMap<>();
    /** Runs this replica's job, and between jobs looks for one to resume: never two at once. */
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "search-reindex");
        thread.setDaemon(true);
        return thread;
    });
    private volatile ReindexJob latest;
    /** The lease of the job this replica runs, as it last wrote it; touched by the worker only. */
    private ReindexLease.Holder held;
    private Instant renewed = Instant.EPOCH;
    private volatile boolean stopping;

    public ReindexService(IndexClient index, TrackIndex tracks, TrackDocuments documents, BulkWriter writer, KafkaClients kafka,
                          SearchConfig config, JobStore store, ReindexLease leases, MeterRegistry registry) {
        this.store = store;
        this.leases = leases;
        this.index = index;
        this.tracks = tracks;
        this.documents = documents;
        this.writer = writer;
        this.kafka = kafka;
        this.config = config;
        for (ReindexJob.State state : ReindexJob.State.values()) {
            Gauge.builder("music.job.progress", this, service -> service.progress(state))
                    .description("Share done (0 to 1) of the latest job of this kind, on the series of its state; 0 on the others")
                    .tag("kind", "reindex")
                    .tag("state", state.name())
                    .register(registry);
        }
    }

    /** A job already runs, on this replica or another: only one at a time. */
    public static class AlreadyRunning extends RuntimeException {
        private final UUID job;

        AlreadyRunning(UUID job, String message) {
            super(message);
            this.job = job;
        }

        /** The job that runs; empty when jobs kept starting and ending while this one tried to begin. */
        public Optional<UUID> job() {
            return Optional.ofNullable(job);
        }
    }

    void lookForInterruptedJobs(@Observes StartupEvent start) {
        Duration every = config.reindex().lease().dividedBy(2);
        worker.scheduleWithFixedDelay(this::resumeInterrupted, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent stop) {
        stopping = true;
        worker.shutdown();
        try {
            // Time for a running job to notice, between two bulk writes, and hand its lease over.
            if (!worker.awaitTermination(config.index().requestTimeout().toMillis() * 2, TimeUnit.MILLISECONDS)) {
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            worker.shutdownNow();
        }
    }

    /** Starts a re-index in the background and answers its job at once. */
    public synchronized ReindexJob start() {
        ReindexJob running = latest;
        if (running != null && (running.state() == ReindexJob.State.PENDING || running.state() == ReindexJob.State.RUNNING)) {
            throw new AlreadyRunning(running.id(), "Re-index " + running.id() + " is still "
                    + running.state().name().toLowerCase(Locale.ROOT) + "; wait until it ends");
        }
        ReindexJob job = new ReindexJob();
        await(store.ensure());
        for (int attempt = 0; attempt < 3; attempt++) {
            Optional<ReindexLease.Holder> lease = await(leases.create(job.id()));
            if (lease.isPresent()) {
                jobs.put(job.id(), job);
                latest = job;
                worker.execute(() -> run(job, lease.get(), false));
                return job;
            }
            Optional<ReindexLease.Holder> holder = await(leases.read());
            if (holder.isPresent()) {
                UUID other = holder.get().jobId();
                if (holder.get().expired(config.reindex().lease(), Instant.now())) {
                    worker.execute(this::resumeInterrupted);
                    throw new AlreadyRunning(other, "Re-index " + other + " was interrupted and is being resumed; wait until it ends");
                }
                throw new AlreadyRunning(other, "Re-index " + other + " is running on another replica; wait until it ends");
            }
            // Released between the two reads: try to take it again.
        }
        throw new AlreadyRunning(null, "Other re-indexes kept starting and ending while this one tried to begin; try again");
    }

    /** A job of this replica, or one another replica (or this one before a restart) kept in the jobs index. */
    public Uni<Optional<ReindexJob.View>> job(UUID id) {
        ReindexJob mine = jobs.get(id);
        return mine != null ? Uni.createFrom().item(Optional.of(mine.view())) : store.find(id);
    }

    private double progress(ReindexJob.State state) {
        ReindexJob job = latest;
        return job != null && job.state() == state ? job.progress() : 0.0;
    }

    /**
     * Between jobs, on the worker: takes up a job whose replica stopped (its lease handed over) or died
     * (its lease expired). A failure here (the index away) only waits for the next look.
     */
    private void resumeInterrupted() {
        if (stopping) {
            return;
        }
        try {
            Optional<ReindexLease.Holder> lease = await(leases.read());
            if (lease.isEmpty() || !lease.get().expired(config.reindex().lease(), Instant.now())) {
                return;
            }
            Optional<ReindexJob.View> kept = await(store.find(lease.get().jobId()));
            Optional<ReindexLease.Holder> taken = await(leases.takeOver(lease.get()));
            if (taken.isEmpty()) {
                return;
            }
            if (kept.isEmpty() || kept.get().state() != ReindexJob.State.RUNNING || kept.get().toIndex() == null) {
                // Its job ended, or stopped before naming its index, without giving the lease up: nothing to resume.
                await(leases.release(taken.get()));
                return;
            }
            ReindexJob job = ReindexJob.resumed(kept.get());
            LOG.infof("Re-index %s: its replica stopped at %d of %d records; resuming it here", job.id(), kept.get().done(), kept.get().total());
            jobs.put(job.id(), job);
            latest = job;
            run(job, taken.get(), true);
        } catch (RuntimeException e) {
            LOG.debugf("Could not look for an interrupted re-index: %s", e.getMessage());
        }
    }

    private void run(ReindexJob job, ReindexLease.Holder lease, boolean resuming) {
        held = lease;
        renewed = Instant.now();
        try {
            if (!resuming) {
                String current = await(tracks.current());
                job.running(current, tracks.physical(tracks.version(current) + 1));
            }
            save(job);
            String from = job.fromIndex();
            String to = job.toIndex();
            List<String> serving = await(tracks.indicesOf(tracks.alias()));
            if (resuming && serving.contains(to)) {
                LOG.infof("Re-index %s: %s already served %s when its replica stopped", job.id(), to, tracks.alias());
                succeed(job, from);
                return;
            }
            if (!serving.equals(List.of(from))) {
                throw new IllegalStateException("The alias " + tracks.alias() + " names " + serving + " where the job began from " + from);
            }
            boolean continuing = resuming && await(index.exists("/" + to));
            LOG.infof("Re-index %s: %s %s while %s serves %s", job.id(), continuing ? "resuming" : "building", to, from, tracks.alias());
            if (!continuing) {
                if (await(index.exists("/" + to))) {
                    // What a failed job left behind: never served, safe to drop.
                    await(index.send("DELETE", "/" + to, null));
                }
                await(index.send("PUT", "/" + to, tracks.definition(true)));
            }
            await(tracks.aliases(List.of(TrackIndex.add(to, tracks.feedAlias()))));
            carryPopularity(from, to);
            readTopic(to, job, continuing);

            ObjectNode settings = index.object();
            settings.putObject("index").put("refresh_interval", config.index().refreshInterval())
                    .put("number_of_replicas", config.index().replicas());
            await(index.send("PUT", "/" + to + "/_settings", settings));
            await(tracks.refresh(to));
            // The last check that the job is still this replica's, right before the step that cannot be undone.
            renew(true);
            await(tracks.aliases(List.of(TrackIndex.add(to, tracks.alias()), TrackIndex.remove(from, tracks.alias()),
                    TrackIndex.remove(from, tracks.feedAlias()))));
            LOG.infof("Re-index %s: %s now serves %s; %s goes in %s", job.id(), to, tracks.alias(), from, config.reindex().oldIndexGrace());
            succeed(job, from);
        } catch (ReindexLease.Lost lost) {
            LOG.warnf("Re-index %s: another replica took it over after this one went too long without renewing; leaving it there", job.id());
            // Its state is the other replica's now: the jobs index answers for it, and this replica may start the next one.
            jobs.remove(job.id());
            latest = null;
        } catch (RuntimeException e) {
            if (stopping) {
                handOver(job);
            } else {
                fail(job, e);
            }
        } finally {
            held = null;
        }
    }

    private void succeed(ReindexJob job, String from) {
        job.finished(ReindexJob.State.SUCCEEDED);
        save(job);
        release();
        dropLater(from);
    }

    private void fail(ReindexJob job, RuntimeException e) {
        LOG.errorf(e, "Re-index %s failed; %s keeps serving the old index", job.id(), tracks.alias());
        try {
            renew(true);
        } catch (RuntimeException lost) {
            // The lease is gone or unreachable: the half-built index may be another replica's now; leave it.
            LOG.warnf("Re-index %s: could not confirm its lease (%s); leaving its index to whichever replica resumes it", job.id(), lost.getMessage());
            return;
        }
        job.error("The re-index failed: " + e.getMessage());
        job.finished(ReindexJob.State.FAILED);
        save(job);
        String to = job.toIndex();
        if (to != null) {
            try {
                // Deleting the index takes it out of the feed alias too.
                await(index.send("DELETE", "/" + to, null));
            } catch (RuntimeException cleanup) {
                LOG.warnf("Could not delete the half-built index %s: %s; the next re-index deletes it", to, cleanup.getMessage());
            }
        }
        release();
    }

    private void handOver(ReindexJob job) {
        try {
            await(leases.handOver(held));
            LOG.infof("Re-index %s stops with this replica at %d of %d records; the next replica to look resumes it",
                    job.id(), job.view().done(), job.view().total());
        } catch (RuntimeException e) {
            LOG.warnf("Re-index %s stops with this replica; its lease expires in %s, then another replica resumes it (%s)",
                    job.id(), config.reindex().lease(), e.getMessage());
        }
    }

    private void release() {
        try {
            await(leases.release(held));
        } catch (RuntimeException e) {
            LOG.warnf("Could not release the re-index lease (%s); it expires in %s", e.getMessage(), config.reindex().lease());
        }
    }

    /** Renews the lease when a quarter of it has passed ({@code force}: now); fails with {@link ReindexLease.Lost}. */
    private void renew(boolean force) {
        Instant now = Instant.now();
        if (force || renewed.plus(config.reindex().lease().dividedBy(4)).isBefore(now)) {
            held = await(leases.renew(held));
            renewed = now;
        }
    }

    private void carryPopularity(String from, String to) {
        // A search sees only what the index has refreshed: without this, plays counted just before the
        // re-index (already in the feed alias's old index, not yet refreshed) would not be carried over.
        await(tracks.refresh(from));
        ObjectNode query = index.object();
        query.put("size", config.reindex().batchSize());
        query.putArray("_source").add("plays");
        query.putArray("sort").add("_doc");
        query.putObject("query").putObject("range").putObject("plays").put("gt", 0);
        JsonNode page = await(index.send("POST", "/" + from + "/_search", query, Map.of("scroll", "1m")));
        String scroll = page.path("_scroll_id").asText(null);
        try {
            while (page.path("hits").path("hits").size() > 0 && !stopping) {
                List<BulkWriter.Update<String>> updates = new ArrayList<>();
                for (JsonNode hit : page.path("hits").path("hits")) {
                    String id = hit.path("_id").asText();
                    updates.add(new BulkWriter.Update<>(to, id, documents.carriedPlays(id, hit.path("_source").path("plays").asLong()), id));
                }
                await(writer.write(updates));
                renew(false);
                ObjectNode next = index.object().put("scroll", "1m").put("scroll_id", scroll);
                page = await(index.send("POST", "/_search/scroll", next));
                scroll = page.path("_scroll_id").asText(scroll);
            }
        } finally {
            if (scroll != null) {
                ObjectNode clear = index.object();
                clear.putArray("scroll_id").add(scroll);
                index.send("DELETE", "/_search/scroll", clear).subscribe().with(ignored -> { }, ignored -> { });
            }
        }
    }

    /**
     * Reads track-ingested into {@code to}: from its beginning, or ({@code continuing}) from the offsets
     * this job committed before its replica stopped. Each commit carries the job's id, so offsets left
     * by an earlier job are never taken for this one's.
     */
    private void readTopic(String to, ReindexJob job, boolean continuing) {
        Map<String, Object> settings = new HashMap<>(kafka.consumerConfig());
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, config.reindex().group());
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.reindex().batchSize());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(settings, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.TRACK_INGESTED, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(partitions, Duration.ofSeconds(30));
            // The end as it is now that the feed alias names the new index: what comes later, the live feed writes there.
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            Map<TopicPartition, OffsetAndMetadata> committed = continuing
                    ? consumer.committed(Set.copyOf(partitions), Duration.ofSeconds(30)) : Map.of();
            String mark = job.id().toString();
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata kept = committed.get(partition);
                consumer.seek(partition, kept != null && mark.equals(kept.metadata())
                        ? Math.max(kept.offset(), beginnings.get(partition)) : beginnings.get(partition));
            }
            job.total(partitions.stream().mapToLong(p -> ends.get(p) - beginnings.get(p)).sum());
            job.done(partitions.stream().mapToLong(p -> consumer.position(p) - beginnings.get(p)).sum());
            while (!stopping && partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
                Map<String, TrackIngested> latest = new LinkedHashMap<>();
                long unreadable = 0;
                for (ConsumerRecord<String, byte[]> record : records) {
                    if (record.value() == null) {
                        continue;
                    }
                    try {
                        TrackIngested event = EventCodec.TRACK_INGESTED.decode(record.topic(), record.value());
                        latest.merge(event.trackId(), event, (a, b) -> b.revision() > a.revision() ? b : a);
                    } catch (InvalidEventException e) {
                        // The live consumer already sent it to the dead-letter topic; the job only counts it.
                        unreadable++;
                        job.error(record.topic() + "-" + record.partition() + "@" + record.offset() + ": " + e.getMessage());
                    }
                }
                List<BulkWriter.Update<TrackIngested>> updates = new ArrayList<>();
                latest.values().forEach(event -> updates.add(new BulkWriter.Update<>(to, event.trackId(), documents.revision(event), event)));
                long refused = 0;
                for (BulkWriter.Outcome<TrackIngested> outcome : await(writer.write(updates))) {
                    if (outcome.refused()) {
                        refused++;
                        job.error("Track " + outcome.update().id() + ": " + outcome.refusal());
                    }
                }
                job.read(records.count(), unreadable + refused);
                renew(false);
                save(job);
                if (!records.isEmpty()) {
                    Map<TopicPartition, OffsetAndMetadata> positions = new HashMap<>();
                    partitions.forEach(p -> positions.put(p, new OffsetAndMetadata(consumer.position(p), mark)));
                    consumer.commitSync(positions);
                }
            }
            if (stopping) {
                throw new IllegalStateException("The service is stopping");
            }
        }
    }

    /** Keeps the job's progress where every replica reads it; a failure to save only delays what they see. */
    private void save(ReindexJob job) {
        try {
            await(store.save(job.view()));
        } catch (RuntimeException e) {
            LOG.warnf("Could not save the progress of re-index %s: %s", job.id(), e.getMessage());
        }
    }

    private void dropLater(String old) {
        Uni.createFrom().voidItem().onItem().delayIt().by(config.reindex().oldIndexGrace())
                .chain(() -> index.send("DELETE", "/" + old, null))
                .subscribe().with(ignored -> LOG.infof("Deleted the old index %s", old),
                        failure -> LOG.warnf("Could not delete the old index %s: %s; delete it by hand", old, failure.getMessage()));
    }

    private <T> T await(Uni<T> call) {
        return call.await().atMost(config.index().requestTimeout().multipliedBy(3));
    }
}
