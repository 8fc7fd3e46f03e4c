package io.musicplatform.stats.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.musicplatform.events.EventCodec;
import io.musicplatform.events.Topics;
import io.musicplatform.servicecore.kafka.EventRecords;
import io.musicplatform.stats.config.StatsConfig;
import io.musicplatform.stats.service.Play;
import io.musicplatform.stats.service.PlayCounter;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Reads track-played a batch at a time and hands it to {@link PlayCounter}, which commits the counts
 * and the batch's offsets in one transaction. Nothing is committed to Kafka
 * ({@code commit-strategy=ignore}): on assignment {@link StoredOffsetsRebalanceListener} seeks to the
 * offsets stored with the counts. An unreadable record goes to track-played.dlq (the consumer helper)
 * and its offset is stored like any other, so the partition moves on; a database failure is retried
 * with a growing pause until it passes, and the partition waits rather than skip a play.
 */
@ApplicationScoped
public class TrackPlayedConsumer {

    public static final String CHANNEL = "track-played";

    private static final Logger LOG = Logger.getLogger(TrackPlayedConsumer.class);

    private final EventRecords records;
    private final PlayCounter counter;
    private final StatsConfig config;
    private final Timer decode;

    public TrackPlayedConsumer(EventRecords records, PlayCounter counter, StatsConfig config, MeterRegistry registry) {
        this.records = records;
        this.counter = counter;
        this.config = config;
        this.decode = Timer.builder("music.stats.batch.stage")
                .description("Time spent per batch in each stage of counting (decode, aggregate, write)")
                .tag("stage", "decode").register(registry);
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecords<String, byte[]> batch) {
        if (batch.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // Decoding a batch of 20,000 records takes tens of milliseconds of CPU: on a worker thread, not on
        // the event loop this method is called on, which the Kafka and PostgreSQL clients' I/O shares.
        // The next batch of this consumer waits for the returned Uni, so batches are still counted one at a time.
        return Uni.createFrom().item(batch)
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .chain(this::count)
                .replaceWithVoid();
    }

    private Uni<Integer> count(ConsumerRecords<String, byte[]> batch) {
        long started = System.nanoTime();
        Map<Integer, Long> nextOffsets = new TreeMap<>();
        for (TopicPartition partition : batch.partitions()) {
            List<ConsumerRecord<String, byte[]>> records = batch.records(partition);
            nextOffsets.put(partition.partition(), records.getLast().offset() + 1);
        }
        return records.readAll(batch, EventCodec.TRACK_PLAYED, (record, event) -> new Play(record.partition(), record.offset(), event))
                .invoke(() -> decode.record(System.nanoTime() - started, TimeUnit.NANOSECONDS))
                .chain(plays -> Uni.createFrom().deferred(() -> counter.count(Topics.TRACK_PLAYED, plays, nextOffsets))
                        .onFailure().invoke(failure -> LOG.warnf("Could not count a batch of %d plays yet (%s); trying again",
                                plays.size(), failure.toString()))
                        .onFailure().retry().withBackOff(config.retryPause(), config.retryMaxPause()).indefinitely());
    }
}
