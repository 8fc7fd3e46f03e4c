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
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
        long started = System.nanoTime();
        Map<Integer, Long> nextOffsets = new TreeMap<>();
        List<Uni<Optional<Play>>> reads = new ArrayList<>(batch.count());
        for (ConsumerRecord<String, byte[]> record : batch) {
            nextOffsets.merge(record.partition(), record.offset() + 1, Math::max);
            reads.add(records.read(record, EventCodec.TRACK_PLAYED)
                    .map(event -> Optional.ofNullable(event).map(e -> new Play(record.partition(), record.offset(), e))));
        }
        return Uni.join().all(reads).andFailFast()
                .map(read -> read.stream().flatMap(Optional::stream).toList())
                .invoke(() -> decode.record(System.nanoTime() - started, TimeUnit.NANOSECONDS))
                .chain(plays -> Uni.createFrom().deferred(() -> counter.count(Topics.TRACK_PLAYED, plays, nextOffsets))
                        .onFailure().invoke(failure -> LOG.warnf("Could not count a batch of %d plays yet (%s); trying again",
                                plays.size(), failure.toString()))
                        .onFailure().retry().withBackOff(config.retryPause(), config.retryMaxPause()).indefinitely())
                .replaceWithVoid();
    }
}
