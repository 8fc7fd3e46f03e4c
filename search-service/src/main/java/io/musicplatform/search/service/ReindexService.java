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
import io.musicplatform.search.index.TrackIndex;
import io.musicplatform.search.mapping.TrackDocuments;
import io.musicplatform.servicecore.kafka.KafkaClients;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

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
 * A job that fails leaves the alias where it was and deletes the half-built index. One job at a time.
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
    private final Map<UUID, ReindexJob> jobs = new ConcurrentHashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "search-reindex");
        thread.setDaemon(true);
        return thread;
    });
    private volatile ReindexJob latest;
    private volatile boolean stopping;

    public ReindexService(IndexClient index, TrackIndex tracks, TrackDocuments documents, BulkWriter writer, KafkaClients kafka,
                          SearchConfig config, JobStore store, MeterRegistry registry) {
        this.store = store;
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

    /** A job already runs: only one at a time. */
    public static class AlreadyRunning extends RuntimeException {
        private final ReindexJob job;

        AlreadyRunning(ReindexJob job) {
            super("Re-index " + job.id() + " is still " + job.state().name().toLowerCase(Locale.ROOT) + "; wait until it ends");
            this.job = job;
        }

        public ReindexJob job() {
            return job;
        }
    }

    /** Starts a re-index in the background and answers its job at once. */
    public synchronized ReindexJob start() {
        ReindexJob running = latest;
        if (running != null && (running.state() == ReindexJob.State.PENDING || running.state() == ReindexJob.State.RUNNING)) {
            throw new AlreadyRunning(running);
        }
        ReindexJob job = new ReindexJob();
        jobs.put(job.id(), job);
        latest = job;
        worker.submit(() -> run(job));
        return job;
    }

    /** A job of this replica, or one another replica (or this one before a restart) kept in the jobs index. */
    public Uni<Optional<ReindexJob.View>> job(UUID id) {
        ReindexJob mine = jobs.get(id);
        return mine != null ? Uni.createFrom().item(Optional.of(mine.view())) : store.find(id);
    }

    void stop(@Observes ShutdownEvent stop) {
        stopping = true;
        worker.shutdownNow();
    }

    private double progress(ReindexJob.State state) {
        ReindexJob job = latest;
        return job != null && job.state() == state ? job.progress() : 0.0;
    }

    private void run(ReindexJob job) {
        String to = null;
        try {
            String from = await(tracks.current());
            to = tracks.physical(tracks.version(from) + 1);
            job.running(from, to);
            await(store.ensure());
            save(job);
            LOG.infof("Re-index %s: building %s while %s serves %s", job.id(), to, from, tracks.alias());
            if (await(index.exists("/" + to))) {
                // What a failed or interrupted job left behind: never served, safe to drop.
                await(index.send("DELETE", "/" + to, null));
            }
            await(index.send("PUT", "/" + to, tracks.definition(true)));
            await(tracks.aliases(List.of(TrackIndex.add(to, tracks.feedAlias()))));
            carryPopularity(from, to);
            readTopic(to, job);

            ObjectNode settings = index.object();
            settings.putObject("index").put("refresh_interval", config.index().refreshInterval())
                    .put("number_of_replicas", config.index().replicas());
            await(index.send("PUT", "/" + to + "/_settings", settings));
            await(tracks.refresh(to));
            await(tracks.aliases(List.of(TrackIndex.add(to, tracks.alias()), TrackIndex.remove(from, tracks.alias()),
                    TrackIndex.remove(from, tracks.feedAlias()))));
            LOG.infof("Re-index %s: %s now serves %s; %s goes in %s", job.id(), to, tracks.alias(), from, config.reindex().oldIndexGrace());
            job.finished(ReindexJob.State.SUCCEEDED);
            save(job);
            dropLater(from);
        } catch (Exception e) {
            LOG.errorf(e, "Re-index %s failed; %s keeps serving the old index", job.id(), tracks.alias());
            job.error("The re-index failed: " + e.getMessage());
            job.finished(ReindexJob.State.FAILED);
            save(job);
            if (to != null) {
                try {
                    // Deleting the index takes it out of the feed alias too.
                    await(index.send("DELETE", "/" + to, null));
                } catch (RuntimeException cleanup) {
                    LOG.warnf("Could not delete the half-built index %s: %s; the next re-index deletes it", to, cleanup.getMessage());
                }
            }
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

    private void readTopic(String to, ReindexJob job) {
        Map<String, Object> settings = new HashMap<>(kafka.consumerConfig());
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, config.reindex().group());
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.reindex().batchSize());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(settings, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.TRACK_INGESTED, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(partitions, Duration.ofSeconds(30));
            // The end as it is now that the feed alias names the new index: what comes later, the live feed writes there.
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            job.total(partitions.stream().mapToLong(p -> ends.get(p) - beginnings.get(p)).sum());
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
                save(job);
                if (!records.isEmpty()) {
                    consumer.commitSync();
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
