package io.musicplatform.catalog.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.musicplatform.catalog.mapping.NotificationMapper;
import io.musicplatform.catalog.service.LiveStreams;
import io.musicplatform.events.CatalogChanged;
import io.musicplatform.events.CatalogChangedDeserializer;
import io.musicplatform.events.InvalidEventException;
import io.musicplatform.events.Topics;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.Collection;
import java.util.UUID;

/**
 * Reads all of catalog-changes on every replica (a consumer group of its own per replica, from the
 * latest offset, committing nothing: see application.properties) and hands each change to this
 * replica's live streams: a notification to the listener's streams, a playlist change to the streams
 * watching it. It only translates; the streams keep themselves complete from the database.
 *
 * <p>A record is decoded only when a stream here may want it (by its key). One that is not a valid
 * {@code CatalogChanged} is then logged and counted, and reading goes on.
 * It does not go to {@code catalog-changes.dlq}: every replica reads every record, so each would send
 * its own copy there, and nothing is lost by skipping it here, since the change it stood for is in the
 * database, where the streams read it when the next change shows them the gap.
 */
@ApplicationScoped
public class CatalogChangesListener {

    public static final String CHANNEL = "catalog-changes";
    /** The rebalance listener's name, {@code consumer-rebalance-listener.name} of the channel. */
    public static final String REBALANCE_LISTENER = "catalog-changes-live";
    /**
     * How the shared consumption metric names the readers of this topic: the groups' common prefix, not
     * the group, whose per-replica suffix would make a new series at every start.
     */
    static final String GROUP_LABEL = "catalog-service-live";

    private static final Logger LOG = Logger.getLogger(CatalogChangesListener.class);

    private final LiveStreams streams;
    private final CatalogChangedDeserializer deserializer = new CatalogChangedDeserializer();
    private final Counter consumed;
    private final Counter unreadable;

    public CatalogChangesListener(LiveStreams streams, MeterRegistry registry) {
        this.streams = streams;
        // Every record read counts, decoded or not: the topic's throughput on this replica.
        this.consumed = Counter.builder("music.events.consumed")
                .description("Events read and handed to the service's logic")
                .tag("topic", Topics.CATALOG_CHANGES)
                .tag("group", GROUP_LABEL)
                .register(registry);
        this.unreadable = Counter.builder("music.catalog.stream.unreadable.records")
                .description("Records of catalog-changes that are not a valid CatalogChanged, skipped by this replica's live streams")
                .tag("topic", Topics.CATALOG_CHANGES)
                .register(registry);
    }

    @Incoming(CHANNEL)
    public void consume(ConsumerRecord<String, byte[]> record) {
        consumed.increment();
        if (!streams.wants(record.key())) {
            // A release to a hundred thousand followers is as many records, on every replica: only those
            // for a listener or a playlist with a stream here are worth decoding (and validating).
            return;
        }
        CatalogChanged change;
        try {
            change = deserializer.deserialize(record.topic(), record.headers(), record.value());
        } catch (InvalidEventException e) {
            skip(record, e.getMessage());
            return;
        }
        if (change == null) {
            return;
        }
        try {
            switch (change.kind()) {
                case NOTIFICATION -> streams.notificationChanged(change.userId(),
                        NotificationMapper.fromEvent(change.notification(), change.sequence()), change.occurredAt());
                case PLAYLIST_CHANGED -> streams.playlistChanged(UUID.fromString(change.playlistId()), change.playlist(),
                        change.occurredAt());
            }
        } catch (IllegalArgumentException e) {
            // Valid by the schema, yet not one this service could have written (an unknown matched kind).
            skip(record, e.getMessage());
        }
    }

    private void skip(ConsumerRecord<String, byte[]> record, String reason) {
        unreadable.increment();
        LOG.warnf("Skipped record %s-%d@%d of %s for the live streams: %s", record.topic(), record.partition(), record.offset(),
                record.key(), reason);
    }

    /**
     * Catches the streams up whenever this replica is given the topic's partitions: records published
     * before its consumer stood at their end (at start, or after the consumer rejoined) never reach it.
     */
    @ApplicationScoped
    @Identifier(REBALANCE_LISTENER)
    public static class CatchUpOnAssignment implements KafkaConsumerRebalanceListener {

        private final LiveStreams streams;

        public CatchUpOnAssignment(LiveStreams streams) {
            this.streams = streams;
        }

        @Override
        public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
            // Fix the positions now (at the end: the group commits nothing), so that every record after
            // them arrives live and every one before is in the database when the streams read it.
            partitions.forEach(consumer::position);
            streams.catchUp();
        }
    }
}
